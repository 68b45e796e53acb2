using System.Buffers;
using System.Text.Json;

namespace Cni.Internal.Runtime;

/// <summary>
/// Builds the stdin a runtime gives one plugin of a list, as libcni does: the plugin's own keys, with the
/// list's <c>name</c> and <c>cniVersion</c>, the previous result as <c>prevResult</c>, and a
/// <c>runtimeConfig</c> holding the capability arguments for the capabilities the plugin enables.
/// </summary>
internal static class PluginStdin
{
    /// <param name="list">The list the plugin belongs to.</param>
    /// <param name="plugin">The plugin.</param>
    /// <param name="prevResult">The previous result as JSON in the list's version, or empty for none.</param>
    /// <param name="capabilityArgs">What the runtime offers for each capability, or <see langword="null"/>.</param>
    /// <param name="validAttachments">
    /// For GC: the array written as <c>cni.dev/valid-attachments</c> and again as <c>cni.dev/attachments</c>, the
    /// name an earlier spec text gave it, as libcni (1.2.3 and later) writes both.
    /// </param>
    public static byte[] Build(NetworkConfigList list, PluginConfig plugin, ReadOnlySpan<byte> prevResult, IReadOnlyDictionary<string, JsonElement>? capabilityArgs, JsonElement? validAttachments = null)
    {
        // libcni replaces runtimeConfig only when at least one enabled capability has a value.
        var runtimeConfig = new List<KeyValuePair<string, JsonElement>>();
        if (capabilityArgs is not null)
        {
            foreach (var (capability, enabled) in plugin.Network.Capabilities)
            {
                if (enabled && capabilityArgs.TryGetValue(capability, out var value))
                {
                    runtimeConfig.Add(new(capability, value));
                }
            }
        }

        var buffer = new ArrayBufferWriter<byte>(plugin.Json.Length + prevResult.Length + 256);
        using (var document = JsonDocument.Parse(plugin.Json))
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("cniVersion"u8, list.CniVersion.ToString());
            writer.WriteString("name"u8, list.Name);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("cniVersion"u8) || property.NameEquals("name"u8)
                    || (property.NameEquals("prevResult"u8) && !prevResult.IsEmpty)
                    || (property.NameEquals("runtimeConfig"u8) && runtimeConfig.Count > 0)
                    || ((property.NameEquals("cni.dev/valid-attachments"u8) || property.NameEquals("cni.dev/attachments"u8)) && validAttachments is not null))
                {
                    continue;
                }

                property.WriteTo(writer);
            }

            if (!prevResult.IsEmpty)
            {
                writer.WritePropertyName("prevResult"u8);
                writer.WriteRawValue(prevResult);
            }

            if (runtimeConfig.Count > 0)
            {
                writer.WriteStartObject("runtimeConfig"u8);
                foreach (var (key, value) in runtimeConfig)
                {
                    writer.WritePropertyName(key);
                    value.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            if (validAttachments is { } attachments)
            {
                writer.WritePropertyName("cni.dev/valid-attachments"u8);
                attachments.WriteTo(writer);
                writer.WritePropertyName("cni.dev/attachments"u8);
                attachments.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
