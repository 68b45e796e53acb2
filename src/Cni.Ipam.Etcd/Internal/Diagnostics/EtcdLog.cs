using Microsoft.Extensions.Logging;

namespace Cni.Ipam.Etcd.Internal.Diagnostics;

/// <summary>The etcd client's log messages: retries (warning) and each call (debug).</summary>
internal static partial class EtcdLog
{
    [LoggerMessage(EventId = 101, EventName = "EtcdRetry", Level = LogLevel.Warning, Message = "etcd {Method} failed at {Endpoint} ({Reason}: {Failure}); trying again at {Next}")]
    public static partial void Retry(ILogger logger, string method, Uri endpoint, string reason, string? failure, Uri next);

    [LoggerMessage(EventId = 102, EventName = "EtcdCall", Level = LogLevel.Debug, Message = "etcd {Method} answered by {Endpoint} in {Milliseconds:0.###} ms")]
    public static partial void Answered(ILogger logger, string method, Uri endpoint, double milliseconds);

    [LoggerMessage(EventId = 103, EventName = "EtcdCallFailed", Level = LogLevel.Debug, Message = "etcd {Method} failed in {Milliseconds:0.###} ms: {Reason}")]
    public static partial void Failed(ILogger logger, string method, double milliseconds, string reason);
}
