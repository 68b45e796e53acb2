using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using Cni.Netlink;

namespace Cni.Testing;

/// <summary>
/// A real OTLP receiver for the trace tests: the .NET Aspire dashboard (NuGet
/// Aspire.Dashboard.Sdk.linux-x64, a self-contained binary), started on ports the kernel picks,
/// without authentication, with its own HOME. What it received is read back through its HTTP API
/// (<c>/api/telemetry/traces/{traceId}</c>, OTLP JSON). Disposing ends the process it started.
/// Started inside a network namespace, it is reachable from plugins that run there, and read back
/// through sockets created inside it.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private const string HttpLine = "OTLP/HTTP listening on: ";
    private const string GrpcLine = "OTLP/gRPC listening on: ";
    private const string ApiLine = "Now listening on: ";

    private readonly Process _process;
    private readonly string _home;
    private readonly HttpClient _http;

    private OtlpReceiver(Process process, string home, HttpClient client, Uri http, Uri grpc, Uri api)
    {
        _process = process;
        _home = home;
        _http = client;
        HttpEndpoint = http;
        GrpcEndpoint = grpc;
        ApiEndpoint = api;
    }

    /// <summary>The OTLP/HTTP endpoint (what OTEL_EXPORTER_OTLP_ENDPOINT names with protocol http/protobuf).</summary>
    public Uri HttpEndpoint { get; }

    /// <summary>The OTLP/gRPC endpoint.</summary>
    public Uri GrpcEndpoint { get; }

    /// <summary>The dashboard's own endpoint, where its telemetry API answers.</summary>
    public Uri ApiEndpoint { get; }

    /// <summary>Starts the receiver and waits until it listens (it prints its ports).</summary>
    /// <param name="networkNamespace">
    /// A named network namespace (its loopback up) to run it in (<c>ip netns exec</c>, which becomes the receiver: the
    /// process ended is the one started); <see langword="null"/> for this process's.
    /// </param>
    /// <returns>The running receiver.</returns>
    public static OtlpReceiver Start(string? networkNamespace = null)
    {
        var path = Requires.Executable(typeof(OtlpReceiver).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AspireDashboardPath").Value ?? "");
        var home = Directory.CreateTempSubdirectory("cnit-otlp-").FullName;
        var start = networkNamespace is null
            ? new ProcessStartInfo(path)
            : new ProcessStartInfo(Requires.Executable("/usr/sbin/ip"), ["netns", "exec", networkNamespace, path]);
        (start.RedirectStandardOutput, start.RedirectStandardError, start.WorkingDirectory) = (true, true, home);
        start.Environment["HOME"] = home;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = "http://127.0.0.1:0";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = "http://127.0.0.1:0";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        string? http = null, grpc = null, api = null;
        var output = new List<string>();
        var deadline = Stopwatch.StartNew();
        try
        {
            while (http is null || grpc is null || api is null)
            {
                var line = process.StandardOutput.ReadLineAsync();
                if (!line.Wait(TimeSpan.FromSeconds(30) - deadline.Elapsed) || line.Result is null)
                {
                    throw new InvalidOperationException($"the OTLP receiver ({path}) did not report its ports within 30 s:\n{string.Join('\n', output)}");
                }

                output.Add(line.Result);
                http ??= After(line.Result, HttpLine);
                grpc ??= After(line.Result, GrpcLine);
                api ??= After(line.Result, ApiLine);
            }
        }
        catch
        {
            process.Kill();
            process.Dispose();
            Directory.Delete(home, recursive: true);
            throw;
        }

        // Keep reading its output so it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        return new OtlpReceiver(process, home, CreateClient(networkNamespace), new Uri(http), new Uri(grpc), new Uri(api));
    }

    /// <summary>
    /// The spans of one trace as the receiver stores them, waiting until at least
    /// <paramref name="count"/> have arrived (exporters send in batches, after the fact).
    /// </summary>
    /// <param name="traceId">The trace id, 32 hex digits.</param>
    /// <param name="count">How many spans to wait for.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns>The spans, flattened out of the OTLP JSON resource/scope layers.</returns>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForTraceAsync(string traceId, int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var spans = await GetTraceAsync(traceId);
            if (spans.Count >= count || deadline.Elapsed > timeout)
            {
                return spans;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The spans of one trace received so far (none when the receiver knows no such trace).</summary>
    /// <param name="traceId">The trace id, 32 hex digits.</param>
    /// <returns>The spans.</returns>
    public async Task<IReadOnlyList<ReceivedSpan>> GetTraceAsync(string traceId)
    {
        if (await GetTraceJsonAsync(traceId) is not { } text)
        {
            return [];
        }

        using var json = JsonDocument.Parse(text);
        var spans = new List<ReceivedSpan>();
        var data = json.RootElement.TryGetProperty("data", out var d) ? d : json.RootElement;
        foreach (var resource in data.GetProperty("resourceSpans").EnumerateArray())
        {
            var service = Attribute(resource.GetProperty("resource"), "service.name");
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                var scopeName = scope.TryGetProperty("scope", out var s) && s.TryGetProperty("name", out var n) ? n.GetString() : null;
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new ReceivedSpan(
                        span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) && parent.GetString() is { Length: > 0 } p ? p : null,
                        span.GetProperty("name").GetString()!,
                        service,
                        scopeName,
                        span.Clone()));
                }
            }
        }

        return spans;
    }

    /// <summary>One trace as the receiver's API returns it (OTLP JSON), what eng/trace-picture.py draws.</summary>
    /// <param name="traceId">The trace id, 32 hex digits.</param>
    /// <returns>The JSON text; <see langword="null"/> when the receiver knows no such trace.</returns>
    public async Task<string?> GetTraceJsonAsync(string traceId)
    {
        using var response = await _http.GetAsync(new Uri(ApiEndpoint, "/api/telemetry/traces/" + traceId));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    // A socket belongs to the namespace of the thread that created it, wherever it is used afterwards.
    private static HttpClient CreateClient(string? networkNamespace)
    {
        if (networkNamespace is null)
        {
            return new HttpClient();
        }

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                using var inside = NetworkNamespace.OpenByName(networkNamespace);
                var socket = inside.Run(() => new Socket(SocketType.Stream, ProtocolType.Tcp));
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler);
    }

    private static string? After(string line, string prefix)
    {
        var at = line.IndexOf(prefix, StringComparison.Ordinal);
        return at < 0 ? null : line[(at + prefix.Length)..].Trim();
    }

    private static string? Attribute(JsonElement owner, string key)
    {
        if (!owner.TryGetProperty("attributes", out var attributes))
        {
            return null;
        }

        foreach (var attribute in attributes.EnumerateArray())
        {
            if (attribute.GetProperty("key").GetString() == key)
            {
                return attribute.GetProperty("value").TryGetProperty("stringValue", out var value) ? value.GetString() : null;
            }
        }

        return null;
    }
}
