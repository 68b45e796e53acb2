using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Cni.Internal;

namespace Cni;

public sealed partial class NetworkConfigList
{
    private const string ListError = "error parsing configuration list: ";

    /// <summary>Reads a configuration list with libcni's rules.</summary>
    /// <param name="json">The list, as UTF-8 JSON.</param>
    /// <returns>The list.</returns>
    /// <exception cref="CniException">
    /// Code 6 when the JSON is malformed or a key has the wrong JSON type; code 7 when <c>name</c> or
    /// <c>plugins</c> is missing, <c>plugins</c> is empty, a plugin has no <c>type</c>, or
    /// <c>disableCheck</c>/<c>disableGC</c> is a string other than true/false; code 1 for a malformed version; a plugin's own error otherwise, with
    /// libcni's <c>failed to parse plugin config N:</c> prefix.
    /// </exception>
    public static NetworkConfigList Parse(ReadOnlySpan<byte> json)
    {
        var bytes = json.ToArray();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, ListError + e.Message, null, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                ThrowHelper.ThrowDecodingFailure($"{ListError}expected an object, not {root.ValueKind}");
            }

            var name = ReadName(root);
            var (version, versions) = ReadVersions(root);
            var disableCheck = ReadBool(root, "disableCheck");
            var disableGC = ReadBool(root, "disableGC");
            var plugins = ReadPlugins(root, name, version);
            return new NetworkConfigList(name, version, versions, disableCheck, disableGC, plugins, bytes);
        }
    }

    /// <summary>
    /// Lifts a single network configuration (a <c>.conf</c>) into a list of one plugin, as libcni's
    /// ConfListFromConf does: the list takes the configuration's <c>name</c> and <c>cniVersion</c>.
    /// </summary>
    /// <param name="json">The configuration, as UTF-8 JSON.</param>
    /// <returns>The list.</returns>
    /// <exception cref="CniException">
    /// As <see cref="NetworkConfig.Parse(ReadOnlySpan{byte})"/> and <see cref="Parse"/>; code 7 when <c>type</c> is missing.
    /// </exception>
    public static NetworkConfigList FromConfig(ReadOnlySpan<byte> json)
    {
        var config = ParseRequiringType(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("cniVersion"u8, config.CniVersion.ToString());
            writer.WriteString("name"u8, config.Name);
            writer.WritePropertyName("plugins"u8);
            writer.WriteStartArray();
            writer.WriteRawValue(json, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Parse(buffer.WrittenSpan);
    }

    /// <summary>
    /// A plugin's configuration as libcni's loader reads it: <c>type</c> is required here, where the runtime
    /// needs it to find the plugin, and not by the plugin host, as the reference plugins do not require it.
    /// </summary>
    private static NetworkConfig ParseRequiringType(ReadOnlySpan<byte> json)
    {
        var config = NetworkConfig.Parse(json);
        if (string.IsNullOrEmpty(config.Type))
        {
            ThrowHelper.ThrowInvalidNetworkConfig("error parsing configuration: missing 'type'");
        }

        return config;
    }

    private static string ReadName(JsonElement root)
    {
        if (!root.TryGetProperty("name"u8, out var name))
        {
            ThrowHelper.ThrowInvalidNetworkConfig(ListError + "no name");
        }

        if (name.ValueKind != JsonValueKind.String)
        {
            ThrowHelper.ThrowDecodingFailure($"{ListError}invalid name type {name.ValueKind}");
        }

        return name.GetString()!;
    }

    private static (CniVersion Version, CniVersion[] Versions) ReadVersions(JsonElement root)
    {
        CniVersion? version = null;
        if (root.TryGetProperty("cniVersion"u8, out var versionJson))
        {
            if (versionJson.ValueKind != JsonValueKind.String)
            {
                ThrowHelper.ThrowDecodingFailure($"{ListError}invalid cniVersion type {versionJson.ValueKind}");
            }

            var text = versionJson.GetString();
            if (!string.IsNullOrEmpty(text))
            {
                version = CniVersion.TryParse(text, out var parsed)
                    ? parsed
                    : throw new CniException(CniErrorCode.IncompatibleCniVersion, $"{ListError}invalid cniVersion {text}");
            }
        }

        if (!root.TryGetProperty("cniVersions"u8, out var versionsJson))
        {
            return (version ?? CniVersion.V010, []);
        }

        if (versionsJson.ValueKind != JsonValueKind.Array)
        {
            ThrowHelper.ThrowDecodingFailure($"{ListError}invalid type for cniVersions: {versionsJson.ValueKind}");
        }

        var versions = new CniVersion[versionsJson.GetArrayLength()];
        var i = 0;
        foreach (var item in versionsJson.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                ThrowHelper.ThrowDecodingFailure($"{ListError}invalid type for cniVersions index {i}: {item.ValueKind}");
            }

            var text = item.GetString();
            versions[i] = CniVersion.TryParse(text, out var parsed)
                ? parsed
                : throw new CniException(CniErrorCode.IncompatibleCniVersion, $"{ListError}invalid cniVersions entry {text} at index {i}");
            i++;
        }

        // libcni 1.2+: the highest listed version this implementation knows how to speak, cniVersion included.
        CniVersion? chosen = version is { } v && v <= CniVersion.Current ? v : null;
        foreach (var candidate in versions)
        {
            if (candidate <= CniVersion.Current && (chosen is null || candidate > chosen.Value))
            {
                chosen = candidate;
            }
        }

        return (chosen ?? version ?? CniVersion.V010, versions);
    }

    private static bool ReadBool(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            return false;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                var text = value.GetString()!.ToLowerInvariant();
                return text switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw new CniException(CniErrorCode.InvalidNetworkConfig, $"{ListError}invalid value \"{text}\" for {key}"),
                };
            default:
                throw new CniException(CniErrorCode.DecodingFailure, $"{ListError}invalid type {value.ValueKind} for {key}");
        }
    }

    private static PluginConfig[] ReadPlugins(JsonElement root, string name, CniVersion version)
    {
        if (!root.TryGetProperty("plugins"u8, out var pluginsJson))
        {
            ThrowHelper.ThrowInvalidNetworkConfig(ListError + "no plugins in list");
        }

        if (pluginsJson.ValueKind != JsonValueKind.Array)
        {
            ThrowHelper.ThrowDecodingFailure($"{ListError}invalid 'plugins' type {pluginsJson.ValueKind}");
        }

        if (pluginsJson.GetArrayLength() == 0)
        {
            ThrowHelper.ThrowInvalidNetworkConfig(ListError + "no plugins in list");
        }

        var plugins = new PluginConfig[pluginsJson.GetArrayLength()];
        var i = 0;
        foreach (var item in pluginsJson.EnumerateArray())
        {
            var raw = JsonMarshal.GetRawUtf8Value(item).ToArray();
            NetworkConfig network;
            try
            {
                network = ParseRequiringType(raw);
            }
            catch (CniException e)
            {
                throw new CniException(e.Code, $"failed to parse plugin config {i}: {e.Message}", e.Details, e);
            }

            network.Name = name;
            network.CniVersion = version;
            plugins[i++] = new PluginConfig(network, raw);
        }

        return plugins;
    }
}
