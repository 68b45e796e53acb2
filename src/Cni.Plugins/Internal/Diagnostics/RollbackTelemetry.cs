using System.Diagnostics;

namespace Cni.Plugins.Internal.Diagnostics;

/// <summary>
/// The span of one rollback (<c>rollback</c>), with the cause and an <c>undo</c> event per step, and the
/// rollbacks counter. No span is built when nothing listens.
/// </summary>
internal sealed class RollbackTelemetry : IDisposable
{
    private const string UndoEvent = "undo";

    private readonly Activity? _activity;
    private readonly int _steps;
    private int _failed;

    private RollbackTelemetry(Activity? activity, int steps)
    {
        _activity = activity;
        _steps = steps;
    }

    /// <summary>Starts the span of a rollback of <paramref name="steps"/> steps, caused by <paramref name="cause"/> when known.</summary>
    public static RollbackTelemetry Start(int steps, string reason, Exception? cause)
    {
        var source = PluginTelemetry.Source;
        var activity = source.HasListeners() ? source.StartActivity("rollback") : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(PluginTags.RollbackSteps, steps);
            activity.SetTag(PluginTags.RollbackReason, reason);
            if (cause is not null)
            {
                activity.SetTag(PluginTags.ErrorType, cause.GetType().FullName);
            }
        }

        return new RollbackTelemetry(activity, steps);
    }

    /// <summary>A step was undone, or failed with <paramref name="error"/>.</summary>
    public void Undone(string what, Exception? error)
    {
        if (error is not null)
        {
            _failed++;
        }

        if (_activity is not { IsAllDataRequested: true } activity)
        {
            return;
        }

        var tags = new ActivityTagsCollection
        {
            [PluginTags.RollbackStep] = what,
            [PluginTags.Outcome] = error is null ? PluginTags.Success : PluginTags.Error,
        };
        if (error is not null)
        {
            tags[PluginTags.ExceptionMessage] = error.Message;
        }

        activity.AddEvent(new ActivityEvent(UndoEvent, tags: tags));
    }

    /// <summary>Ends the span (failed when a step failed) and counts the rollback by outcome.</summary>
    public void Dispose()
    {
        if (_activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(PluginTags.RollbackFailedSteps, _failed);
            }

            if (_failed > 0)
            {
                activity.SetStatus(ActivityStatusCode.Error, $"{_failed} of {_steps} undo steps failed");
            }

            activity.Dispose();
        }

        if (PluginTelemetry.Rollbacks.Enabled)
        {
            PluginTelemetry.Rollbacks.Add(1, PluginTelemetry.Tag(PluginTags.Outcome, _failed == 0 ? PluginTags.Complete : PluginTags.Incomplete));
        }
    }
}
