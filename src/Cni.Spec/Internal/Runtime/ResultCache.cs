using System.Text;
using System.Text.Json;
using Cni.Internal.Json;

namespace Cni.Internal.Runtime;

/// <summary>
/// libcni's result cache: one JSON file per attachment, <c>{cacheDir}/results/{network}-{containerID}-{ifname}</c>,
/// with <c>kind</c> = <c>cniCacheV1</c>, <c>containerId</c>, <c>config</c> (the list's bytes, base64),
/// <c>ifName</c>, <c>networkName</c>, <c>netns</c> (libcni 1.2+), <c>cniArgs</c>, <c>capabilityArgs</c> and
/// <c>result</c>. libcni and <see cref="CniRuntime"/> read each other's files.
/// </summary>
internal static class ResultCache
{
    private const string Kind = "cniCacheV1";

    public static string PathOf(string cacheDirectory, string network, string containerId, string ifName)
        => Path.Combine(cacheDirectory, "results", $"{network}-{containerId}-{ifName}");

    /// <summary>Writes the entry whole: a temporary file renamed over the old one, so a reader never sees half of it.</summary>
    public static void Write(string path, NetworkConfigList list, CniAttachmentRequest attachment, ReadOnlySpan<byte> result)
    {
        // As libcni: the directory 0700 and the file 0600 (results name containers and addresses).
        var directory = Path.GetDirectoryName(path)!;
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        using (var writer = new Utf8JsonWriter(file, CniJson.Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("kind"u8, Kind);
            writer.WriteString("containerId"u8, attachment.ContainerId);
            writer.WriteBase64String("config"u8, list.Json.Span);
            writer.WriteString("ifName"u8, attachment.IfName);
            writer.WriteString("networkName"u8, list.Name);
            writer.WriteString("netns"u8, attachment.NetNs);
            if (attachment.Args.Count > 0)
            {
                writer.WriteStartArray("cniArgs"u8);
                foreach (var (key, value) in attachment.Args)
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(key);
                    writer.WriteStringValue(value);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            }

            if (attachment.CapabilityArgs is { Count: > 0 } capabilities)
            {
                writer.WriteStartObject("capabilityArgs"u8);
                foreach (var (key, value) in capabilities)
                {
                    writer.WritePropertyName(key);
                    value.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            writer.WritePropertyName("result"u8);
            writer.WriteRawValue(result);
            writer.WriteEndObject();
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Reads an entry; <see langword="null"/> when there is none or it cannot be read (empty, corrupt, another
    /// kind): a missing cache must never block DEL.
    /// </summary>
    public static CachedAttachment? TryRead(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != Kind
                || !root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var args = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("cniArgs", out var cniArgs) && cniArgs.ValueKind == JsonValueKind.Array)
            {
                foreach (var pair in cniArgs.EnumerateArray())
                {
                    if (pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2)
                    {
                        args.Add(new(pair[0].GetString() ?? "", pair[1].GetString() ?? ""));
                    }
                }
            }

            Dictionary<string, JsonElement>? capabilities = null;
            if (root.TryGetProperty("capabilityArgs", out var capabilityArgs) && capabilityArgs.ValueKind == JsonValueKind.Object)
            {
                capabilities = capabilityArgs.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
            }

            return new CachedAttachment(
                new CniAttachmentRequest
                {
                    ContainerId = String(root, "containerId"),
                    IfName = String(root, "ifName"),
                    NetNs = String(root, "netns"),
                    Args = args,
                    CapabilityArgs = capabilities,
                },
                String(root, "networkName"),
                Encoding.UTF8.GetBytes(result.GetRawText()));
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The cache entries of one network (for GC), read as <see cref="TryRead"/> reads them.</summary>
    public static IEnumerable<CachedAttachment> ForNetwork(string cacheDirectory, string network)
    {
        var results = Path.Combine(cacheDirectory, "results");
        if (!Directory.Exists(results))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(results, $"{network}-*").Order(StringComparer.Ordinal))
        {
            if (TryRead(file) is { } entry && entry.NetworkName == network)
            {
                yield return entry;
            }
        }
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // As libcni: a cache file that cannot be removed does not fail DEL.
        }
    }

    private static string String(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
