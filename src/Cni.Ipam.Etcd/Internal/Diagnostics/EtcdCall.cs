using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cni.Ipam.Etcd.Internal.Diagnostics;

/// <summary>
/// One call to etcd as the client makes it, retries included: a client span named after the gRPC method
/// (<c>etcdserverpb.KV/Txn</c>), its duration, and a log line per retry (warning) and per call (debug).
/// Start it inside the async method that makes the call, so <see cref="Activity.Current"/> returns to the
/// caller's span when the call ends. Nothing is allocated while nothing listens and nothing is logged.
/// </summary>
internal readonly struct EtcdCall
{
    private readonly string _method;
    private readonly long _started;
    private readonly Activity? _activity;

    private EtcdCall(string method, Activity? activity)
    {
        _method = method;
        _activity = activity;
        _started = Stopwatch.GetTimestamp();
    }

    public static EtcdCall Start(string method)
    {
        var source = EtcdTelemetry.Source;
        var activity = source.HasListeners() ? source.StartActivity(method, ActivityKind.Client) : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(EtcdTelemetry.RpcSystem, "grpc");
            activity.SetTag(EtcdTelemetry.RpcMethod, method);
        }

        return new EtcdCall(method, activity);
    }

    /// <summary>
    /// The call of <paramref name="method"/> failed at <paramref name="endpoint"/> and is made again at <paramref name="next"/>:
    /// counted, logged, and a <c>retry</c> event on the call's span (<see cref="Activity.Current"/> while the call is made).
    /// </summary>
    public static void Retry(ILogger logger, string method, Uri endpoint, string reason, string? failure, Uri next)
    {
        EtcdTelemetry.CountRetry(method, reason);
        if (logger.IsEnabled(LogLevel.Warning))
        {
            // The client words its failures "<endpoint>: <what>" for the final error; the line names the endpoint already.
            var prefix = endpoint + ": ";
            var what = failure is not null && failure.StartsWith(prefix, StringComparison.Ordinal) ? failure[prefix.Length..] : failure;
            EtcdLog.Retry(logger, method, endpoint, reason, what, next);
        }
        if (Activity.Current is { IsAllDataRequested: true } activity && activity.Source == EtcdTelemetry.Source)
        {
            activity.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
            {
                [EtcdTelemetry.RetryReason] = reason,
                [EtcdTelemetry.ServerAddress] = endpoint.Host,
                [EtcdTelemetry.ServerPort] = endpoint.Port,
            }));
        }
    }

    /// <summary>The call was answered by <paramref name="endpoint"/>.</summary>
    public void Answered(ILogger logger, Uri endpoint)
    {
        if (_activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(EtcdTelemetry.ServerAddress, endpoint.Host);
                activity.SetTag(EtcdTelemetry.ServerPort, endpoint.Port);
            }

            activity.Dispose();
        }

        var elapsed = Record(EtcdTelemetry.Outcome, "success");
        if (logger.IsEnabled(LogLevel.Debug))
        {
            EtcdLog.Answered(logger, _method, endpoint, elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The call failed for good (no member answered in time, or etcd refused it).</summary>
    public void Failed(ILogger logger, Exception error)
    {
        if (_activity is { } activity)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            if (activity.IsAllDataRequested && error is CniException cni)
            {
                activity.SetTag(EtcdTelemetry.ErrorCode, (int)cni.Code);
            }

            activity.Dispose();
        }

        var elapsed = Record(EtcdTelemetry.Outcome, "error");
        if (logger.IsEnabled(LogLevel.Debug))
        {
            EtcdLog.Failed(logger, _method, elapsed.TotalMilliseconds, error.Message);
        }
    }

    private TimeSpan Record(string outcomeName, string outcome)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        if (EtcdTelemetry.Duration.Enabled)
        {
            EtcdTelemetry.Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(EtcdTelemetry.RpcMethod, _method), new KeyValuePair<string, object?>(outcomeName, outcome));
        }

        return elapsed;
    }
}
