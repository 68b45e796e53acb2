using System.Net;

namespace Cni.Netlink.Internal.Reading;

/// <summary>An address read from an attribute, as the <see cref="IPAddress"/> a reused <see cref="LinkInfo"/> already holds when it did not change.</summary>
internal static class ReusedAddress
{
    /// <summary><see langword="null"/> for no bytes, <paramref name="previous"/> when it has these bytes, else a new address.</summary>
    public static IPAddress? From(ReadOnlySpan<byte> bytes, IPAddress? previous)
        => bytes.IsEmpty ? null
            : previous is not null && SameAddress(previous, bytes) ? previous
            : new IPAddress(bytes);

    private static bool SameAddress(IPAddress address, ReadOnlySpan<byte> bytes)
    {
        Span<byte> buffer = stackalloc byte[16];
        return address.TryWriteBytes(buffer, out var written) && buffer[..written].SequenceEqual(bytes);
    }
}
