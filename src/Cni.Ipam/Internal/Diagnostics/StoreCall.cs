using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Cni.Ipam.Internal.Diagnostics;

/// <summary>
/// One round trip to the store (<c>ipam.store reserve</c>, ...): a span when something listens, and a debug log
/// line with how long it took. Started only by <see cref="ObservedStoreSession"/>, which exists only when one of
/// the two is wanted.
/// </summary>
internal readonly struct StoreCall
{
    private readonly string _store;
    private readonly string _operation;
    private readonly IPAddress? _address;
    private readonly int _rangeSet;
    private readonly long _started;
    private readonly Activity? _activity;

    private StoreCall(string store, string operation, IPAddress? address, int rangeSet, Activity? activity)
    {
        _store = store;
        _operation = operation;
        _address = address;
        _rangeSet = rangeSet;
        _activity = activity;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts the span of <paramref name="operation"/>; <paramref name="rangeSet"/> is -1 when the operation concerns none.</summary>
    public static StoreCall Start(string store, string operation, IPAddress? address = null, int rangeSet = -1)
    {
        var source = IpamTelemetry.Source;
        var activity = source.HasListeners() ? source.StartActivity("ipam.store " + operation, ActivityKind.Internal) : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(IpamTags.Store, store);
            if (address is not null)
            {
                activity.SetTag(IpamTags.Address, address.ToString());
            }

            if (rangeSet >= 0)
            {
                activity.SetTag(IpamTags.RangeSet, rangeSet);
            }
        }

        return new StoreCall(store, operation, address, rangeSet, activity);
    }

    /// <summary>Ends the call that answered; <paramref name="outcome"/> is what a reservation or release found (<c>reserved</c>, <c>taken</c>, ...).</summary>
    public void Stop(ILogger logger, string? outcome)
    {
        if (_activity is { } activity)
        {
            if (outcome is not null && activity.IsAllDataRequested)
            {
                activity.SetTag(IpamTags.StoreOutcome, outcome);
            }

            activity.Dispose();
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            var detail = Detail(outcome);
            var milliseconds = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
            IpamLog.StoreRoundTrip(logger, _store, _operation, detail, milliseconds);
        }
    }

    /// <summary>Ends the call that threw.</summary>
    public void Fail(ILogger logger, Exception error)
    {
        if (_activity is { } activity)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            if (activity.IsAllDataRequested && error is CniException cni)
            {
                activity.SetTag(IpamTags.ErrorCode, (int)cni.Code);
            }

            activity.Dispose();
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            var detail = Detail(null);
            var milliseconds = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
            IpamLog.StoreRoundTripFailed(logger, _store, _operation, detail, milliseconds, error.Message);
        }
    }

    // " 10.1.0.5 (range set 0): reserved", for the log line.
    private string Detail(string? outcome)
    {
        var detail = _address is null ? "" : " " + _address;
        if (_rangeSet >= 0)
        {
            detail += $" (range set {_rangeSet.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        }

        return outcome is null ? detail : $"{detail}: {outcome}";
    }
}
