using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cni;

/// <summary>
/// A plugin's network configuration, the JSON a runtime writes on the plugin's stdin: the standard keys
/// of the CNI specification. A plugin derives its own configuration class from this one, adds its own
/// keys, and reads it with <see cref="Parse{T}(ReadOnlySpan{byte}, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T})"/>
/// through its own source-generated <see cref="JsonSerializerContext"/>, or, starting faster, with
/// <see cref="Parse{T}(ReadOnlySpan{byte}, Func{JsonElement, T})"/> and the reader <see cref="GenerateConfigReaderAttribute"/>
/// generates from the same <see cref="JsonPropertyNameAttribute"/>s (or one written with <see cref="ConfigObject"/>).
/// The standard keys are read the same way: this class is <c>[GenerateConfigReader]</c>. Unknown keys are ignored.
/// </summary>
/// <example>
/// <code>
/// public sealed class BridgeConfig : NetworkConfig { [JsonPropertyName("bridge")] public string Bridge { get; set; } = "cni0"; }
/// [JsonSerializable(typeof(BridgeConfig))] partial class BridgeJson : JsonSerializerContext;
/// var config = NetworkConfig.Parse(stdin, BridgeJson.Default.BridgeConfig);
/// </code>
/// </example>
[GenerateConfigReader]
public partial class NetworkConfig
{
    // cniVersion, name and type come first when a configuration is written, before the plugin's own keys.
    /// <summary>The spec version of this configuration and of the result expected (<c>cniVersion</c>); 0.1.0 when absent, as libcni reads it.</summary>
    [JsonPropertyName("cniVersion")]
    [JsonPropertyOrder(-3)]
    [JsonConverter(typeof(CniVersionJsonConverter))]
    public CniVersion CniVersion { get; set; } = CniVersion.V010;

    /// <summary>The network name (<c>name</c>), unique on the host.</summary>
    [JsonPropertyName("name")]
    [JsonPropertyOrder(-2)]
    public string Name { get; set; } = "";

    /// <summary>The plugin to run (<c>type</c>): the name of its executable.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; set; } = "";

    /// <summary>Extra arguments from the runtime (<c>args</c>), which a plugin may ignore; <see langword="null"/> when absent.</summary>
    [JsonPropertyName("args")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Args { get; set; }

    /// <summary>Whether to masquerade traffic leaving the network (<c>ipMasq</c>), for plugins that support it.</summary>
    [JsonPropertyName("ipMasq")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool IPMasq { get; set; }

    /// <summary>The IPAM section (<c>ipam</c>), or <see langword="null"/> when absent.</summary>
    [JsonPropertyName("ipam")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IpamConfig? Ipam { get; set; }

    /// <summary>DNS settings to configure (<c>dns</c>), or <see langword="null"/> when absent.</summary>
    [JsonPropertyName("dns")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CniDns? Dns { get; set; }

    /// <summary>
    /// The previous plugin's result in a chain (<c>prevResult</c>), as raw JSON in the configuration's
    /// <see cref="CniVersion"/>; <see langword="null"/> when absent. Read it with <c>CniResult.Parse</c>.
    /// </summary>
    [JsonPropertyName("prevResult")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? PrevResult { get; set; }

    /// <summary>Values the runtime filled in for the declared capabilities (<c>runtimeConfig</c>), or <see langword="null"/>.</summary>
    [JsonPropertyName("runtimeConfig")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RuntimeConfig? RuntimeConfig { get; set; }

    /// <summary>
    /// The capabilities the plugin declares (<c>capabilities</c>), for example <c>portMappings: true</c>; the
    /// runtime passes values for the enabled ones in <see cref="RuntimeConfig"/>. Empty when absent.
    /// </summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, bool> Capabilities { get; set; } = EmptyCapabilities;

    /// <summary>
    /// For GC: the attachments still in use on this network (<c>cni.dev/valid-attachments</c>, a top-level key),
    /// or <see langword="null"/> when absent.
    /// </summary>
    [JsonPropertyName("cni.dev/valid-attachments")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CniAttachment>? ValidAttachments { get; set; }

    /// <summary>Whether <paramref name="capability"/> is declared and enabled in <see cref="Capabilities"/>.</summary>
    /// <param name="capability">For example <c>"portMappings"</c>.</param>
    public bool HasCapability(string capability) => Capabilities.TryGetValue(capability, out var enabled) && enabled;

    private static readonly IReadOnlyDictionary<string, bool> EmptyCapabilities = new Dictionary<string, bool>();
}
