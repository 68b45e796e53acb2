using System.Buffers;
using System.Text;
using System.Text.Json;
using Cni.Internal.Results;

namespace Cni;

public sealed partial class CniResult
{
    /// <summary>
    /// Writer options that give the reference plugins' exact bytes: four-space indentation,
    /// <c>\n</c> line ends, and strings escaped as Go escapes them (<c>&lt;</c> as <c>\u003c</c>, ...).
    /// Use them for the <see cref="Utf8JsonWriter"/> given to <see cref="WriteTo"/>.
    /// </summary>
    public static JsonWriterOptions WriterOptions => ResultJsonWriter.Options;

    /// <summary>
    /// Reads a result in the version its <c>cniVersion</c> names (0.1.0 when it has none, as libcni
    /// reads it), converting it into the model.
    /// </summary>
    /// <param name="utf8Json">The result JSON.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CniException">Code 6 for malformed JSON or values; code 1 for a version no spec defines.</exception>
    public static CniResult Parse(ReadOnlySpan<byte> utf8Json) => ResultJsonReader.Read(utf8Json, null);

    /// <summary>
    /// Reads a result in the shape of <paramref name="version"/>, ignoring the JSON's own
    /// <c>cniVersion</c>; for a <c>prevResult</c>, whose version is the configuration's.
    /// </summary>
    /// <param name="utf8Json">The result JSON.</param>
    /// <param name="version">The spec version the JSON is written in.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CniException">Code 6 for malformed JSON or values; code 1 for a version no spec defines.</exception>
    public static CniResult Parse(ReadOnlySpan<byte> utf8Json, CniVersion version) => ResultJsonReader.Read(utf8Json, version);

    /// <summary>
    /// Writes the result in <paramref name="version"/>, converted as libcni converts it, with
    /// <c>cniVersion</c> first. Nothing is written when the result cannot be expressed in that version.
    /// </summary>
    /// <param name="writer">The destination; created with <see cref="WriterOptions"/> for the reference's exact bytes.</param>
    /// <param name="version">The spec version to write.</param>
    /// <exception cref="CniException">
    /// Code 1 for a version no spec defines, or for 0.1.0/0.2.0 when the result has no IP address
    /// ("cannot convert: no valid IP addresses").
    /// </exception>
    public void WriteTo(Utf8JsonWriter writer, CniVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ResultJsonWriter.Write(writer, this, version);
    }

    /// <summary>The result as UTF-8 JSON in <paramref name="version"/>: the bytes a reference plugin prints.</summary>
    /// <param name="version">The spec version to write.</param>
    /// <returns>The JSON, without a trailing newline (the reference prints none).</returns>
    /// <exception cref="CniException">As <see cref="WriteTo"/>.</exception>
    public byte[] ToUtf8Json(CniVersion version)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer, version);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The result as JSON text in <paramref name="version"/>.</summary>
    /// <param name="version">The spec version to write.</param>
    /// <returns>The JSON, as <see cref="ToUtf8Json"/> writes it.</returns>
    /// <exception cref="CniException">As <see cref="WriteTo"/>.</exception>
    public string ToJson(CniVersion version) => Encoding.UTF8.GetString(ToUtf8Json(version));
}
