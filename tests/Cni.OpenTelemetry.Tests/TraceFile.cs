using System.Diagnostics;
using Cni.Testing;

namespace Cni.OpenTelemetry.Tests;

/// <summary>
/// Keeps a trace as the receiver's API returns it, when <c>CNI_TRACE_OUTPUT</c> names a folder: eng/trace-picture.py
/// draws docs/images/add-trace.svg from the end-to-end test's.
/// </summary>
internal static class TraceFile
{
    public static async Task SaveAsync(OtlpReceiver receiver, ActivityTraceId traceId, string name)
    {
        if (Environment.GetEnvironmentVariable("CNI_TRACE_OUTPUT") is not { Length: > 0 } folder)
        {
            return;
        }

        using var http = new HttpClient();
        var json = await http.GetStringAsync(new Uri(receiver.ApiEndpoint, "/api/telemetry/traces/" + traceId.ToHexString()));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, name), json);
    }
}
