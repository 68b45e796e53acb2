using System.Diagnostics;

namespace Cni.Netlink.Internal.Diagnostics;

/// <summary>
/// The span and measurements of one traced request or blocking wait, named after its operation
/// (<c>add link</c>, <c>wait for link</c>, ...): a child of <see cref="Activity.Current"/>. A struct, and
/// every tag and measurement behind a listener check, so nothing is allocated when nothing listens.
/// </summary>
internal readonly struct OperationTelemetry
{
    private readonly string _operation;
    private readonly long _started;
    private readonly Activity? _activity;

    private OperationTelemetry(string operation, Activity? activity)
    {
        _operation = operation;
        _activity = activity;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts a request's span, tagged with the link it is about: a kind and name, or an index (0 for none).</summary>
    public static OperationTelemetry StartRequest(string operation, string? linkKind, string? linkName, int linkIndex)
    {
        var activity = StartActivity(operation);
        if (activity is { IsAllDataRequested: true })
        {
            SetIfGiven(activity, NetlinkTags.LinkKind, linkKind);
            SetIfGiven(activity, NetlinkTags.LinkName, linkName);
            if (linkIndex > 0)
            {
                activity.SetTag(NetlinkTags.LinkIndex, linkIndex);
            }
        }

        return new OperationTelemetry(operation, activity);
    }

    /// <summary>Starts a blocking wait's span, tagged with how long it may wait.</summary>
    public static OperationTelemetry StartWait(string operation, TimeSpan timeout)
    {
        var activity = StartActivity(operation);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(NetlinkTags.WaitTimeout, timeout.TotalSeconds);
        }

        return new OperationTelemetry(operation, activity);
    }

    /// <summary>Ends a request: <paramref name="error"/> is what it threw, <see langword="null"/> when it succeeded.</summary>
    public void StopRequest(Exception? error)
    {
        StopActivity(error);
        var outcome = error is null ? NetlinkTags.Success : NetlinkTags.Error;
        if (NetlinkTelemetry.RequestDuration.Enabled)
        {
            NetlinkTelemetry.RequestDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, Tag(NetlinkTags.Operation, _operation), Tag(NetlinkTags.Outcome, outcome));
        }

        if (error is not null && NetlinkTelemetry.RequestErrors.Enabled)
        {
            NetlinkTelemetry.RequestErrors.Add(1, Tag(NetlinkTags.Operation, _operation), Tag(NetlinkTags.Errno, ErrnoName(error)));
        }
    }

    /// <summary>Ends a wait: whether a notification matched, or what it threw.</summary>
    public void StopWait(bool matched, Exception? error)
    {
        var outcome = error is not null ? NetlinkTags.Error : matched ? NetlinkTags.Matched : NetlinkTags.TimedOut;
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(NetlinkTags.Outcome, outcome);
        }

        StopActivity(error);
        if (NetlinkTelemetry.WaitDuration.Enabled)
        {
            NetlinkTelemetry.WaitDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, Tag(NetlinkTags.Operation, _operation), Tag(NetlinkTags.Outcome, outcome));
        }
    }

    private static Activity? StartActivity(string operation)
    {
        var source = NetlinkTelemetry.Source;
        if (!source.HasListeners() || source.StartActivity(operation) is not { } activity)
        {
            return null;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(NetlinkTags.Operation, operation);
        }

        return activity;
    }

    /// <summary>Ends the span, failed with the error's message (the errno's name and text, the kernel's own words) when there is one.</summary>
    private void StopActivity(Exception? error)
    {
        if (_activity is not { } activity)
        {
            return;
        }

        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(NetlinkTags.Errno, ErrnoName(error));
            }
        }

        activity.Dispose();
    }

    // What failed that was not the kernel or a system call (a bad argument) is named by its type.
    private static string ErrnoName(Exception error) => error is NetlinkException netlink ? netlink.ErrorName : error.GetType().Name;

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

    private static void SetIfGiven(Activity activity, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            activity.SetTag(name, value);
        }
    }
}
