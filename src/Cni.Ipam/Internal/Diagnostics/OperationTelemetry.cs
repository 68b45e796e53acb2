using System.Diagnostics;

namespace Cni.Ipam.Internal.Diagnostics;

/// <summary>
/// The span and measurements of one allocator operation (<c>ipam ADD</c>, ...). The span is a child of
/// <see cref="Activity.Current"/> (the plugin host's verb span in a plugin) and is current while the
/// operation runs, so the store's round trips are its children. Nothing is allocated when nothing listens.
/// </summary>
internal readonly struct OperationTelemetry
{
    private readonly string _command;
    private readonly string _network;
    private readonly string _store;
    private readonly long _started;
    private readonly Activity? _activity;

    private OperationTelemetry(string command, string network, string store, long started, Activity? activity)
    {
        _command = command;
        _network = network;
        _store = store;
        _started = started;
        _activity = activity;
    }

    /// <summary>Starts an operation's span: <paramref name="command"/> is <c>ADD</c>, <c>DEL</c>, <c>CHECK</c>, <c>GC</c> or <c>STATUS</c>.</summary>
    public static OperationTelemetry Start(string command, IpamConfiguration configuration, string store, string? containerId = null, string? ifName = null)
    {
        Activity? activity = null;
        var source = IpamTelemetry.Source;
        if (source.HasListeners())
        {
            activity = source.StartActivity("ipam " + command, ActivityKind.Internal);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(IpamTags.Command, command);
                activity.SetTag(IpamTags.NetworkName, configuration.NetworkName);
                activity.SetTag(IpamTags.Store, store);
                if (containerId is not null)
                {
                    activity.SetTag(IpamTags.ContainerId, containerId);
                    activity.SetTag(IpamTags.IfName, ifName);
                }
            }
        }

        return new OperationTelemetry(command, configuration.NetworkName, store, Stopwatch.GetTimestamp(), activity);
    }

    /// <summary>Records the addresses an ADD allocated.</summary>
    public void Allocated(IList<CniIPConfig> ips)
    {
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(IpamTags.Addresses, ips.Select(ip => ip.Address.ToString()).ToArray());
        }

        if (IpamTelemetry.Allocations.Enabled)
        {
            IpamTelemetry.Allocations.Add(ips.Count, Tags());
        }
    }

    /// <summary>Records the addresses a DEL or a GC released.</summary>
    public void Released(List<IpamAllocation> released) => RecordReleases(IpamTags.Addresses, released);

    /// <summary>Records the addresses a failed ADD released again.</summary>
    public void RolledBack(List<IpamAllocation> released) => RecordReleases(IpamTags.RolledBack, released);

    /// <summary>Counts a range set found with no address left.</summary>
    public void Exhausted()
    {
        if (IpamTelemetry.Exhausted.Enabled)
        {
            IpamTelemetry.Exhausted.Add(1, Tags());
        }
    }

    /// <summary>
    /// Ends the span and records the duration: <paramref name="error"/> is what the operation threw, <see langword="null"/>
    /// on success. The span's status is then an error with the message, and <c>cni.error.code</c> the CNI code (999 for an
    /// exception that is not a <see cref="CniException"/>, recorded as an exception event).
    /// </summary>
    public void Stop(Exception? error)
    {
        var code = error is null ? (int?)null : error is CniException cni ? (int)cni.Code : (int)CniErrorCode.Internal;
        if (_activity is { } activity)
        {
            if (error is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, error.Message);
                if (activity.IsAllDataRequested)
                {
                    activity.SetTag(IpamTags.ErrorCode, code);
                    if (error is not CniException)
                    {
                        activity.AddException(error);
                    }
                }
            }

            activity.Dispose();
        }

        if (code is { } errorCode && IpamTelemetry.Errors.Enabled)
        {
            var tags = Tags();
            tags.Add(IpamTags.ErrorCode, errorCode);
            IpamTelemetry.Errors.Add(1, tags);
        }

        if (IpamTelemetry.Duration.Enabled)
        {
            var tags = Tags();
            tags.Add(IpamTags.Outcome, error is null ? IpamTags.Success : IpamTags.Error);
            IpamTelemetry.Duration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
    }

    private void RecordReleases(string attribute, List<IpamAllocation> released)
    {
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(attribute, released.Select(a => a.Address.ToString()).ToArray());
        }

        if (released.Count > 0 && IpamTelemetry.Releases.Enabled)
        {
            IpamTelemetry.Releases.Add(released.Count, Tags());
        }
    }

    // Low-cardinality on purpose: container IDs, interfaces and addresses are on the spans only.
    private TagList Tags() => new()
    {
        { IpamTags.Command, _command },
        { IpamTags.NetworkName, _network },
        { IpamTags.Store, _store },
    };
}
