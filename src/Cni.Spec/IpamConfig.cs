using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Cni.Internal.Config;
using Cni.Internal.Json;

namespace Cni;

/// <summary>
/// The <c>ipam</c> object of a network configuration: the IPAM plugin's <see cref="Type"/>, and the whole
/// object as <see cref="Json"/> so an IPAM plugin or library reads its own keys from it.
/// </summary>
[JsonConverter(typeof(IpamConfigJsonConverter))]
public sealed class IpamConfig
{
    /// <summary>Wraps an <c>ipam</c> object.</summary>
    /// <param name="json">The object; it is cloned, so it outlives the document it came from.</param>
    public IpamConfig(JsonElement json)
    {
        JsonValues.RequireKind(json, JsonValueKind.Object, "$.ipam");

        Json = json.Clone();
        if (Json.TryGetProperty("type"u8, out var type))
        {
            Type = JsonValues.ReadString(type, "$.ipam.type");
        }
    }

    /// <summary>
    /// The object's keys, to read by hand or with a generated reader (<see cref="GenerateConfigReaderAttribute"/>);
    /// errors are worded for the <c>ipam</c> object: <c>error parsing ipam configuration: ipam.subnet must be a string, not a number</c>,
    /// with the key's path (<c>at ipam.subnet</c>) in <see cref="CniException.Details"/>.
    /// </summary>
    public ConfigObject Keys => new(Json, "ipam", ConfigErrors.Ipam);

    /// <summary>The IPAM plugin to run (<c>type</c>), or an empty string when the object has none.</summary>
    public string Type { get; } = "";

    /// <summary>The whole <c>ipam</c> object, including <c>type</c> and every plugin-specific key.</summary>
    public JsonElement Json { get; }

    // The ipam key of a configuration, as the generated reader of NetworkConfig reads it.
    internal static IpamConfig? ReadConfigValue(ConfigValue value) => value.IsNull ? null : new IpamConfig(value.Json);

    /// <summary>Reads the <c>ipam</c> object into the IPAM plugin's own type, through its own source-generated context.</summary>
    /// <typeparam name="T">The IPAM plugin's configuration type.</typeparam>
    /// <param name="typeInfo">From the plugin's <see cref="JsonSerializerContext"/>.</param>
    /// <returns>The object read; <see cref="CniException"/> (code 6) when it does not fit <typeparamref name="T"/>.</returns>
    public T Deserialize<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        T? value;
        try
        {
            value = Json.Deserialize(typeInfo);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"error parsing ipam configuration: {e.Message}", null, e);
        }

        return value ?? throw new CniException(CniErrorCode.DecodingFailure, "error parsing ipam configuration: null");
    }
}
