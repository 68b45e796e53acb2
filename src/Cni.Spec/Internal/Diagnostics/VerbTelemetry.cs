using System.Diagnostics;
using Cni.Internal.Host;

namespace Cni.Internal.Diagnostics;

/// <summary>
/// The plugin host's span and measurements for one command. The span is a child of the caller's
/// (<c>TRACEPARENT</c>, see <see cref="TraceContextEnvironment"/>), or of <see cref="Activity.Current"/>
/// when no valid one is given, and is current while the handler runs, so what the handler starts or
/// delegates joins the same trace. Its kind is <see cref="ActivityKind.Server"/>: the plugin serves a
/// request its caller made from another process, whose span for the call is a client span.
/// Nothing is allocated when nothing listens.
/// </summary>
internal readonly struct VerbTelemetry
{
    private const string Unknown = "unknown";

    private readonly string _command;
    private readonly long _started;
    private readonly Activity? _activity;

    private VerbTelemetry(string command, long started, Activity? activity)
    {
        _command = command;
        _started = started;
        _activity = activity;
    }

    /// <summary>Starts the command's span, named after the command (<c>ADD</c>, ... <c>VERSION</c>; <c>unknown</c> for any other text).</summary>
    public static VerbTelemetry Start(string commandText, Func<string, string?> environment)
    {
        var command = commandText switch
        {
            "ADD" => "ADD",
            "DEL" => "DEL",
            "CHECK" => "CHECK",
            "GC" => "GC",
            "STATUS" => "STATUS",
            "VERSION" => "VERSION",
            _ => Unknown,
        };
        Activity? activity = null;
        var source = SpecTelemetry.Source;
        if (source.HasListeners())
        {
            activity = source.StartActivity(command, ActivityKind.Server, TraceContextEnvironment.ReadParent(environment));
            if (activity is not null)
            {
                TraceContextEnvironment.ReadBaggage(environment, activity);
                if (activity.IsAllDataRequested)
                {
                    activity.SetTag(TelemetryTags.Command, command);
                    SetIfGiven(activity, TelemetryTags.ContainerId, environment(CniEnvironment.ContainerId));
                    SetIfGiven(activity, TelemetryTags.IfName, environment(CniEnvironment.IfName));
                }
            }
        }

        return new VerbTelemetry(command, Stopwatch.GetTimestamp(), activity);
    }

    /// <summary>Whether the span takes attributes: check it before computing one.</summary>
    public bool IsRecording => _activity is { IsAllDataRequested: true };

    /// <summary>Tags the span with what the configuration says (once stdin is read): the network, the plugin type and the requested version.</summary>
    public void SetConfig(string? networkName, string? pluginType, string? cniVersion)
    {
        if (_activity is { IsAllDataRequested: true } activity)
        {
            SetIfGiven(activity, TelemetryTags.NetworkName, networkName);
            SetIfGiven(activity, TelemetryTags.PluginType, pluginType);
            SetIfGiven(activity, TelemetryTags.Version, cniVersion);
        }
    }

    /// <summary>
    /// Ends the span and records the command: <paramref name="error"/> is the code of the error document
    /// written, <see langword="null"/> on success; <paramref name="unexpected"/> an exception that was not a
    /// <see cref="CniException"/>, recorded on the span as an exception event. Does nothing on a
    /// <see langword="default"/> instance (no command, nothing started).
    /// </summary>
    public void Stop(CniErrorCode? error, string? message, Exception? unexpected)
    {
        if (_command is null)
        {
            // Never started: no command was given, and the host printed the about text.
            return;
        }

        if (_activity is { } activity)
        {
            if (error is { } code)
            {
                activity.SetStatus(ActivityStatusCode.Error, message);
                if (activity.IsAllDataRequested)
                {
                    activity.SetTag(TelemetryTags.ErrorCode, (int)code);
                    if (unexpected is not null)
                    {
                        activity.AddException(unexpected);
                    }
                }
            }

            activity.Dispose();
        }

        var outcome = error is null ? TelemetryTags.Success : TelemetryTags.Error;
        if (SpecTelemetry.Commands.Enabled)
        {
            SpecTelemetry.Commands.Add(1, Tag(TelemetryTags.Command, _command), Tag(TelemetryTags.Outcome, outcome));
        }

        if (error is { } errorCode && SpecTelemetry.Errors.Enabled)
        {
            SpecTelemetry.Errors.Add(1, Tag(TelemetryTags.Command, _command), Tag(TelemetryTags.ErrorCode, (int)errorCode));
        }

        if (SpecTelemetry.Duration.Enabled)
        {
            SpecTelemetry.Duration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, Tag(TelemetryTags.Command, _command), Tag(TelemetryTags.Outcome, outcome));
        }
    }

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

    private static void SetIfGiven(Activity activity, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            activity.SetTag(name, value);
        }
    }
}
