using System.Diagnostics;

namespace Cni.Testing;

/// <summary>
/// Keeps a trace as the receiver's API returns it, when <c>CNI_TRACE_OUTPUT</c> names a folder: eng/trace-picture.py
/// draws the pictures of docs/observability.md (docs/images/*.svg) from the trace tests'.
/// </summary>
public static class TraceFile
{
    /// <summary>Writes the trace to <c>$CNI_TRACE_OUTPUT/<paramref name="name"/></c>; does nothing when the variable is not set.</summary>
    /// <param name="receiver">The receiver that holds the trace.</param>
    /// <param name="traceId">The trace.</param>
    /// <param name="name">The file's name.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public static async Task SaveAsync(OtlpReceiver receiver, ActivityTraceId traceId, string name)
    {
        if (Environment.GetEnvironmentVariable("CNI_TRACE_OUTPUT") is not { Length: > 0 } folder)
        {
            return;
        }

        var json = await receiver.GetTraceJsonAsync(traceId.ToHexString())
            ?? throw new InvalidOperationException($"the receiver holds no trace {traceId}");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, name), json);
    }
}
