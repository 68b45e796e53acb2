using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;

namespace Cni.Tool.Running;

/// <summary>
/// The plugin configuration under test, as a JSON tree the checks vary (version, extra keys,
/// prevResult). host-local IPAM data is redirected into the sandbox so the node's own allocations
/// in /var/lib/cni are never touched.
/// </summary>
internal sealed class ConfigUnderTest
{
    private readonly JsonObject _root;

    private ConfigUnderTest(JsonObject root, string name, CniVersion version, string? hostLocalStoreDirectory)
    {
        _root = root;
        Name = name;
        Version = version;
        HostLocalStoreDirectory = hostLocalStoreDirectory;
    }

    public string Name { get; }

    /// <summary>The <c>cniVersion</c> under test; 0.1.0 when the file has none, as the spec reads a missing version.</summary>
    public CniVersion Version { get; }

    /// <summary>
    /// Where host-local keeps this network's allocations (<c>dataDir/name</c>) when the IPAM is host-local, whose
    /// <c>dataDir</c> the tool redirected; <see langword="null"/> for any other IPAM.
    /// </summary>
    public string? HostLocalStoreDirectory { get; }

    /// <summary>Reads a single plugin configuration (.conf or .json).</summary>
    /// <exception cref="ToolException">
    /// The file is not a JSON object, has a key twice, has no string <c>name</c> or <c>type</c>, a
    /// <c>cniVersion</c> that is not a known version, or is a list.
    /// </exception>
    public static ConfigUnderTest Load(string path, string ipamDirectory)
    {
        JsonNode? node;
        try
        {
            // Duplicate keys are refused: which one a plugin reads differs between JSON libraries.
            node = JsonNode.Parse(File.ReadAllBytes(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new ToolException($"{path}: not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot read the configuration: {e.Message}", e);
        }

        if (node is not JsonObject root || !TryGetString(root, "name", out var name) || !TryGetString(root, "type", out _))
        {
            throw new ToolException($"{path}: a plugin configuration needs \"name\" and \"type\" strings");
        }

        if (root.ContainsKey("plugins"))
        {
            throw new ToolException($"{path}: give one plugin's configuration, not a list");
        }

        var version = CniVersion.V010;
        if (root.ContainsKey("cniVersion") && !(TryGetString(root, "cniVersion", out var text) && CniVersion.TryParse(text, out version)))
        {
            throw new ToolException($"{path}: \"cniVersion\" must be one of {string.Join(", ", CniVersion.All)}");
        }

        string? hostLocalStore = null;
        if (root["ipam"] is JsonObject ipam && TryGetString(ipam, "type", out var ipamType) && ipamType == "host-local")
        {
            ipam["dataDir"] = ipamDirectory;
            hostLocalStore = Path.Combine(ipamDirectory, name);
        }

        return new ConfigUnderTest(root, name, version, hostLocalStore);
    }

    /// <summary>The configuration as bytes, changed by <paramref name="change"/> on a copy.</summary>
    public byte[] Bytes(Action<JsonObject>? change = null)
    {
        var copy = (JsonObject)_root.DeepClone();
        change?.Invoke(copy);
        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    /// <summary>The configuration at another spec version.</summary>
    public byte[] AtVersion(string version) => Bytes(c => c["cniVersion"] = version);

    /// <summary>The configuration with <c>prevResult</c> set, as a runtime sends it to CHECK and DEL.</summary>
    public byte[] WithPrevResult(byte[] result, string? version = null)
        => Bytes(c =>
        {
            if (version is not null)
            {
                c["cniVersion"] = version;
            }

            // A result that is not JSON (a broken plugin's) cannot be passed on; the plugin then gets none.
            try
            {
                c["prevResult"] = JsonNode.Parse(result);
            }
            catch (JsonException)
            {
            }
        });

    private static bool TryGetString(JsonObject parent, string key, out string value)
    {
        value = "";
        return parent[key] is JsonValue node && node.TryGetValue(out value!);
    }
}
