using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cni.Internal;
using Cni.Internal.Config;
using Cni.Internal.Json;

namespace Cni;

public partial class NetworkConfig
{
    /// <summary>
    /// Reads a plugin's configuration into its own type <typeparamref name="T"/>, through the plugin's
    /// source-generated context. Keys neither type knows are ignored.
    /// </summary>
    /// <typeparam name="T">The plugin's configuration class, derived from <see cref="NetworkConfig"/>.</typeparam>
    /// <param name="json">The configuration, as UTF-8 JSON (a plugin's stdin).</param>
    /// <param name="typeInfo">From the plugin's <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="CniException">
    /// Code 6 when the JSON is malformed or a value has the wrong type; code 1 when <c>cniVersion</c> is not a version.
    /// A missing <c>type</c> is no error here, as the reference plugins accept it; only libcni's loader
    /// (<see cref="NetworkConfigList"/>, <see cref="CniConfigDirectory"/>) requires it.
    /// </exception>
    public static T Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo)
        where T : NetworkConfig
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        T? config = null;
        try
        {
            // Not the serializer's default limit of 64: the same depth as the metadata-free reader (Parse without
            // a type) and the host's first read of stdin, so a configuration passes all of them or none (JsonKinds.MaxDepth).
            var options = typeInfo.Options;
            var reader = new Utf8JsonReader(json, new JsonReaderOptions
            {
                MaxDepth = JsonKinds.MaxDepth,
                AllowTrailingCommas = options.AllowTrailingCommas,
                CommentHandling = options.ReadCommentHandling,
            });
            config = JsonSerializer.Deserialize(ref reader, typeInfo);

            // Deserialize from a reader stops after the value; anything but white space after it is an error.
            reader.Read();
        }
        catch (JsonException e)
        {
            ThrowHelper.ThrowDecodingFailure($"error parsing configuration: {e.Message}", e);
        }

        if (config is null)
        {
            ThrowHelper.ThrowDecodingFailure("error parsing configuration: expected an object, not null");
        }

        return config;
    }

    /// <summary>
    /// Reads a plugin's configuration into its own type <typeparamref name="T"/> with no System.Text.Json
    /// metadata to build at start-up: the document is parsed once, <paramref name="create"/> reads the plugin's
    /// own keys from the root object (the reader <see cref="GenerateConfigReaderAttribute"/> generates, one
    /// written with <see cref="ConfigObject"/>, or any way it likes)
    /// and returns the new configuration, then the standard keys are filled in as
    /// <see cref="Parse(ReadOnlySpan{byte})"/> reads them. Keys neither reads are ignored.
    /// </summary>
    /// <typeparam name="T">The plugin's configuration class, derived from <see cref="NetworkConfig"/>.</typeparam>
    /// <param name="json">The configuration, as UTF-8 JSON (a plugin's stdin).</param>
    /// <param name="create">
    /// Reads the plugin's own keys from the root object and returns the configuration. The element lives
    /// as long as the configuration, so a reader may keep it or any part of it.
    /// </param>
    /// <returns>The configuration.</returns>
    /// <exception cref="CniException">
    /// As <see cref="Parse{T}(ReadOnlySpan{byte}, JsonTypeInfo{T})"/>, and what <paramref name="create"/> throws.
    /// The plugin's own keys are read first, so of two bad values, one of them the plugin's, the plugin's is reported.
    /// </exception>
    public static T Parse<T>(ReadOnlySpan<byte> json, Func<JsonElement, T> create)
        where T : NetworkConfig
    {
        ArgumentNullException.ThrowIfNull(create);
        return NetworkConfigReader.Read(json, create);
    }

    /// <summary>
    /// Reads the standard keys of a configuration, for code that does not know the plugin's own type and
    /// for plugins that have no keys of their own (an IPAM plugin's keys are under <c>ipam</c>). Read by the
    /// reader generated from this class's properties, without System.Text.Json metadata, so it costs a
    /// NativeAOT plugin no start-up work.
    /// </summary>
    /// <param name="json">The configuration, as UTF-8 JSON.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="CniException">As <see cref="Parse{T}(ReadOnlySpan{byte}, JsonTypeInfo{T})"/>.</exception>
    public static NetworkConfig Parse(ReadOnlySpan<byte> json) => NetworkConfigReader.Read(json);
}
