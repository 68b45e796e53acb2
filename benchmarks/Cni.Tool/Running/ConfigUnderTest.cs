using System.Text.Json.Nodes;
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

    private ConfigUnderTest(JsonObject root) => _root = root;

    public string Name => _root["name"]?.GetValue<string>() ?? "";

    public CniVersion Version => CniVersion.TryParse(_root["cniVersion"]?.GetValue<string>() ?? "0.1.0", out var version) ? version : CniVersion.V010;

    /// <summary>Reads a single plugin configuration (.conf or .json).</summary>
    /// <exception cref="ToolException">The file is not a JSON object with a name, or is a list.</exception>
    public static ConfigUnderTest Load(string path, string ipamDirectory)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllBytes(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ToolException($"{path}: not JSON: {e.Message}");
        }

        if (node is not JsonObject root || root["name"] is null || root["type"] is null)
        {
            throw new ToolException($"{path}: a plugin configuration needs \"name\" and \"type\"");
        }

        if (root.ContainsKey("plugins"))
        {
            throw new ToolException($"{path}: conform tests one plugin; give it that plugin's configuration, not a list");
        }

        if (root["ipam"] is JsonObject ipam && ipam["type"]?.GetValue<string>() == "host-local")
        {
            ipam["dataDir"] = ipamDirectory;
        }

        return new ConfigUnderTest(root);
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
            catch (System.Text.Json.JsonException)
            {
            }
        });
}
