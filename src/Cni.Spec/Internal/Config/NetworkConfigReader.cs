using System.Text.Json;
using Cni.Internal.Json;

namespace Cni.Internal.Config;

/// <summary>
/// Reads a network configuration without System.Text.Json's metadata, which, even source-generated, is
/// built at run time on first use (attributes read by reflection, converters resolved): in a NativeAOT
/// plugin that runs once per ADD it cost a sixth of the process. The standard keys are read by the reader
/// generated from <see cref="NetworkConfig"/>'s attributed properties (<see cref="GenerateConfigReaderAttribute"/>),
/// with the serializer's rules: keys match exactly, unknown keys are ignored, the last of two equal keys wins.
/// </summary>
internal static class NetworkConfigReader
{
    private const string Prefix = "error parsing configuration: ";

    public static NetworkConfig Read(ReadOnlySpan<byte> json) => Read(Parse(json), static _ => new NetworkConfig());

    /// <summary>
    /// Parses the document once, lets <paramref name="create"/> read the plugin's own keys from the root
    /// object, then fills the standard keys into what it returned.
    /// </summary>
    public static T Read<T>(ReadOnlySpan<byte> json, Func<JsonElement, T> create)
        where T : NetworkConfig
        => Read(Parse(json), create);

    /// <summary>
    /// Reads an already parsed configuration (the plugin host's <see cref="Host.StdinDocument"/>): <paramref name="create"/>
    /// reads the plugin's own keys from the root object, then the standard keys are filled into what it returned.
    /// </summary>
    public static T Read<T>(JsonElement root, Func<JsonElement, T> create)
        where T : NetworkConfig
    {
        if (root.ValueKind == JsonValueKind.Null)
        {
            ThrowHelper.ThrowDecodingFailure(Prefix + "expected an object, not null");
        }

        var keys = new ConfigObject(root);
        var config = create(root) ?? throw new InvalidOperationException("The configuration reader returned null.");
        NetworkConfig.ReadKeys(config, keys);
        return config;
    }

    private static JsonElement Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonKinds.MaxDepth });

            // Not pooled, unlike JsonDocument.Parse: the elements kept (ipam, args, prevResult,
            // runtimeConfig, whatever the plugin keeps) need no copy, and no buffer goes back to the
            // shared pool, whose first use costs a short-lived process more than the parse itself.
            var root = JsonElement.ParseValue(ref reader);

            // Anything after the value is an error; Read throws for it.
            reader.Read();
            return root;
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, Prefix + e.Message, null, e);
        }
    }
}
