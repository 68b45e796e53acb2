using System.Diagnostics;
using System.Reflection;
using Cni.Testing;

namespace Cni.OpenTelemetry.Tests;

/// <summary>
/// The cnit-traced plugin (tests/traced-plugin), built with the exporter, run as a runtime runs it: the NativeAOT
/// binary eng/test.sh publishes into artifacts/publish/cnit-traced when it is there (so CI runs the exporter as
/// plugins carry it), else the build next to the tests.
/// </summary>
internal static class TracedPlugin
{
    public const string Type = "cnit-traced";

    public static string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public static string Path => File.Exists(NativeAot) ? NativeAot : Requires.Executable(System.IO.Path.GetFullPath(System.IO.Path.Combine(
        typeof(TracedPlugin).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TracedPluginDirectory").Value!,
        Type)));

    private static string NativeAot => System.IO.Path.Combine(RepositoryPaths.Root, "artifacts", "publish", Type, Type);

    /// <summary>A configuration of one plugin; with <paramref name="delegating"/> it delegates ADD to itself as IPAM.</summary>
    public static string Config(bool delegating = false)
        => delegating
            ? $$$"""{"cniVersion":"1.0.0","name":"cnit-otel","type":"{{{Type}}}","ipam":{"type":"{{{Type}}}"}}"""
            : $$"""{"cniVersion":"1.0.0","name":"cnit-otel","type":"{{Type}}"}""";

    /// <summary>An ADD's environment whose caller's span is <paramref name="traceId"/>/<paramref name="parentSpanId"/> (<paramref name="sampled"/> or not), plus <paramref name="otel"/>.</summary>
    public static Dictionary<string, string> AddEnvironment(ActivityTraceId traceId, ActivitySpanId parentSpanId, IReadOnlyDictionary<string, string>? otel = null, bool sampled = true)
    {
        var environment = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = "ADD",
            ["CNI_CONTAINERID"] = "cnit-ctr",
            ["CNI_NETNS"] = "/var/run/netns/cnit-otel-does-not-exist",
            ["CNI_IFNAME"] = "eth0",
            ["CNI_PATH"] = Directory,
            ["TRACEPARENT"] = $"00-{traceId.ToHexString()}-{parentSpanId.ToHexString()}-{(sampled ? "01" : "00")}",
        };
        foreach (var (name, value) in otel ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Runs ADD in a process of its own; returns its output and how long the process took.</summary>
    public static async Task<(CniPluginOutput Output, TimeSpan Elapsed)> AddAsync(Dictionary<string, string> environment, bool delegating = false)
    {
        var elapsed = Stopwatch.StartNew();
        var (stdout, stderr, exitCode) = await PluginProcess.RunAsync(Path, environment, Config(delegating), timeout: TimeSpan.FromSeconds(60));
        return (new CniPluginOutput(stdout, stderr, exitCode), elapsed.Elapsed);
    }
}
