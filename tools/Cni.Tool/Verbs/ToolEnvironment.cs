using System.Security.Cryptography;
using System.Text.Json;
using System.Text;

namespace Cni.Tool.Verbs;

/// <summary>
/// What the network verbs read from the environment, with cnitool's defaults and rules: NETCONFPATH,
/// CNI_PATH, CNI_ARGS, CAP_ARGS and CNI_IFNAME.
/// </summary>
internal static class ToolEnvironment
{
    public const string DefaultConfigDirectory = "/etc/cni/net.d";

    /// <summary>NETCONFPATH, or /etc/cni/net.d when unset or empty.</summary>
    public static string ConfigDirectory => Environment.GetEnvironmentVariable("NETCONFPATH") is { Length: > 0 } dir ? dir : DefaultConfigDirectory;

    /// <summary>CNI_PATH split on ':' (empty parts kept, as Go's filepath.SplitList keeps them).</summary>
    public static IReadOnlyList<string> PluginPaths
        => Environment.GetEnvironmentVariable("CNI_PATH") is { Length: > 0 } path ? path.Split(':') : [];

    /// <summary>The interface name: the option, else CNI_IFNAME, else eth0.</summary>
    public static string InterfaceName(string? option)
        => option is { Length: > 0 } ? option : Environment.GetEnvironmentVariable("CNI_IFNAME") is { Length: > 0 } fromEnvironment ? fromEnvironment : "eth0";

    /// <summary>
    /// CNI_ARGS as pairs. As cnitool: each <c>;</c>-separated pair splits on <c>=</c> into exactly two
    /// non-empty parts, else <c>invalid CNI_ARGS pair "PAIR"</c>.
    /// </summary>
    /// <exception cref="ToolException">A pair is malformed.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> CniArgs()
    {
        if (Environment.GetEnvironmentVariable("CNI_ARGS") is not { Length: > 0 } text)
        {
            return [];
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in text.Split(';'))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new ToolException($"invalid CNI_ARGS pair \"{pair}\"");
            }

            pairs.Add(new(parts[0], parts[1]));
        }

        return pairs;
    }

    /// <summary>CAP_ARGS as capability arguments; <see langword="null"/> when unset.</summary>
    /// <exception cref="ToolException">It is not a JSON object.</exception>
    public static IReadOnlyDictionary<string, JsonElement>? CapabilityArgs()
    {
        if (Environment.GetEnvironmentVariable("CAP_ARGS") is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ToolException($"CAP_ARGS must be a JSON object, not {document.RootElement.ValueKind}");
            }

            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new ToolException($"CAP_ARGS: {e.Message}");
        }
    }

    /// <summary>
    /// cnitool's container ID for a namespace: <c>cnitool-</c> and the first 10 bytes of the SHA-512 of
    /// the namespace's absolute path in hex, so both tools name the same attachment (and cache entry) alike.
    /// </summary>
    public static string ContainerIdOf(string absoluteNetNs)
        => "cnitool-" + Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(absoluteNetNs)).AsSpan(0, 10));
}
