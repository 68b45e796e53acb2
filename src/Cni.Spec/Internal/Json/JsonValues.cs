using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Cni.Internal.Config;

namespace Cni.Internal.Json;

/// <summary>
/// Reads typed values out of a <see cref="JsonElement"/> with errors (code 6) that name the key that
/// failed, for the well-known members parsed without a serializer context; the configuration's readers
/// use <see cref="ConfigValue"/>, which these wrap with the network configuration's wording.
/// </summary>
internal static class JsonValues
{
    public static void RequireKind(JsonElement value, JsonValueKind kind, string path)
        => ConfigErrors.Network.RequireKind(value, kind, path);

    public static string ReadString(JsonElement value, string path) => Value(value, path).GetString();

    public static bool ReadBoolean(JsonElement value, string path) => Value(value, path).GetBoolean();

    public static long ReadInt64(JsonElement value, string path) => Value(value, path).GetInt64();

    public static int ReadInt32(JsonElement value, string path) => Value(value, path).GetInt32();

    public static IPAddress ReadAddress(JsonElement value, string path)
    {
        var text = ReadString(value, path);
        if (!IPAddress.TryParse(text, out var address) || text.Contains('/', StringComparison.Ordinal))
        {
            ThrowHelper.ThrowDecodingFailure($"error parsing configuration: {path} is not an IP address: \"{text}\"");
        }

        return address;
    }

    /// <summary>Reads an address given alone or with a prefix length (the prefix is dropped), as host-local reads requested IPs.</summary>
    public static IPAddress ReadAddressWithOptionalPrefix(JsonElement value, string path)
    {
        var text = ReadString(value, path);
        return ParseAddressWithOptionalPrefix(text) ?? throw new CniException(
            CniErrorCode.DecodingFailure, $"error parsing configuration: {path} is not an IP address: \"{text}\"");
    }

    public static IPAddress? ParseAddressWithOptionalPrefix(ReadOnlySpan<char> text)
    {
        if (IPCidr.TryParse(text, out var cidr))
        {
            return cidr.Address;
        }

        return !text.Contains('/') && IPAddress.TryParse(text, out var address) && !HasScope(address) ? address : null;
    }

    // IPv4 addresses have no scope; asking one for it throws.
    private static bool HasScope(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0;

    public static IPCidr ReadCidr(JsonElement value, string path)
    {
        var text = ReadString(value, path);
        if (!IPCidr.TryParse(text, out var cidr))
        {
            ThrowHelper.ThrowDecodingFailure($"error parsing configuration: {path} is not a CIDR address: \"{text}\"");
        }

        return cidr;
    }

    public static string[] ReadStrings(JsonElement value, string path) => ReadArray(value, path, ReadString);

    /// <summary>An array, each element read by <paramref name="read"/> with its own path (<c>$.x[2]</c>).</summary>
    public static T[] ReadArray<T>(JsonElement value, string path, Func<JsonElement, string, T> read)
    {
        RequireKind(value, JsonValueKind.Array, path);
        var result = new T[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[i] = read(item, Index(path, i));
            i++;
        }

        return result;
    }

    public static string Index(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";

    private static ConfigValue Value(JsonElement value, string path) => new(value, path, ConfigErrors.Network);
}
