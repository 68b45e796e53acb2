using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cni.Ipam.Etcd.Internal.Diagnostics;

/// <summary>
/// Cni.Ipam.Etcd's activity source and instruments, created once per process when first used; spans and
/// measurements are built only while something listens.
/// </summary>
internal static class EtcdTelemetry
{
    public const string RpcMethod = "rpc.method";
    public const string RpcSystem = "rpc.system";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string Outcome = "cni.outcome";
    public const string ErrorCode = "cni.error.code";
    public const string RetryReason = "cni.ipam.etcd.retry.reason";

    /// <summary>The call failed on one member, or timed out there, and goes to the next (or the same one after a pause).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>etcd refused the call's token (expired or revoked): the call is made again with a fresh one.</summary>
    public const string Token = "token";

    /// <summary>A transaction's condition failed because another writer got there first: the allocator tries the next address, a node claim reads again.</summary>
    public const string Conflict = "conflict";

    // No version on the source and meter: reading the assembly's version attribute is reflection every
    // plugin run would pay for.
    public static ActivitySource Source { get; } = new(IpamEtcdDiagnostics.ActivitySourceName);

    public static Meter Meter { get; } = new(IpamEtcdDiagnostics.MeterName);

    /// <summary>How long a call took, its retries included, by method and outcome.</summary>
    public static Histogram<double> Duration { get; } = Meter.CreateHistogram(
        "cni.ipam.etcd.call.duration",
        "s",
        "How long a call to etcd took, retries included, by method and outcome.",
        tags: null,
        // A transaction on loopback takes a millisecond or two; a call failing over waits up to its timeout.
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>Calls made again and transactions lost to another writer, by method and reason.</summary>
    public static Counter<long> Retries { get; } = Meter.CreateCounter<long>(
        "cni.ipam.etcd.retries", "{retry}", "Calls to etcd made again (unavailable, token) and transactions lost to another writer (conflict), by method and reason.");

    /// <summary>Counts one retry of <paramref name="method"/> for <paramref name="reason"/>.</summary>
    public static void CountRetry(string method, string reason)
    {
        if (Retries.Enabled)
        {
            Retries.Add(1, new KeyValuePair<string, object?>(RpcMethod, method), new KeyValuePair<string, object?>(RetryReason, reason));
        }
    }
}
