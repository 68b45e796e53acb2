using System.Buffers;
using System.Text.Json;
using Cni.Internal.Json;

namespace Cni.Internal.Host;

/// <summary>
/// The three things the plugin host writes: the error document and the VERSION answer on stdout,
/// and the "about" text on stderr. Each is built in memory and written in one piece, so stdout
/// never holds half a document.
/// </summary>
internal static class HostOutput
{
    /// <summary>
    /// The spec's error document (<c>cniVersion</c>, <c>code</c>, <c>msg</c>, <c>details</c> left out
    /// when empty), indented with four spaces and without a trailing newline, as the reference prints it.
    /// </summary>
    public static byte[] Error(string cniVersion, CniErrorCode code, string message, string? details)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, CniJson.Indented))
        {
            writer.WriteStartObject();
            writer.WriteString("cniVersion"u8, cniVersion);
            writer.WriteNumber("code"u8, (uint)code);
            writer.WriteString("msg"u8, message);
            if (!string.IsNullOrEmpty(details))
            {
                writer.WriteString("details"u8, details);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The VERSION answer: compact, with a trailing newline, <c>cniVersion</c> being the newest version
    /// the plugin supports (the reference prints its newest and never reads stdin for VERSION).
    /// </summary>
    public static byte[] Version(SupportedVersions supported)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, CniJson.Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("cniVersion"u8, supported.Newest.ToString());
            writer.WriteStartArray("supportedVersions"u8);
            foreach (var version in supported.Versions)
            {
                writer.WriteStringValue(version.ToString());
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>What a person running the plugin by hand (no CNI_COMMAND) sees on stderr.</summary>
    public static string About(string about, SupportedVersions supported)
        => $"{about}\nCNI protocol versions supported: {supported}\n";
}
