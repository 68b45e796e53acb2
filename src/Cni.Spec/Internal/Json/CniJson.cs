using System.Text.Json;

namespace Cni.Internal.Json;

/// <summary>The writer settings that make the plugin host's output look like the reference's.</summary>
internal static class CniJson
{
    /// <summary>Results and errors: Go's <c>MarshalIndent</c> with four spaces, Go's escaping.</summary>
    public static JsonWriterOptions Indented => CniResult.WriterOptions;

    /// <summary>VERSION: compact, Go's escaping.</summary>
    public static JsonWriterOptions Compact { get; } = new() { Encoder = GoJsonEncoder.Instance };
}
