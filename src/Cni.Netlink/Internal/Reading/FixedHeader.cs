using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cni.Netlink.Internal;

namespace Cni.Netlink.Internal.Reading;

/// <summary>
/// Reads a kernel struct (nlmsghdr, rtattr, ifinfomsg, ...) from the start of a span, after checking
/// the span holds it. Netlink is in host byte order, so the struct's bytes are read as they are.
/// </summary>
internal static class FixedHeader
{
    public static T Read<T>(ReadOnlySpan<byte> span, string what)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if (span.Length < size)
        {
            ThrowHelper.ThrowMalformed(what, size, span.Length);
        }

        return MemoryMarshal.Read<T>(span);
    }
}
