using Cni.Plugins.Internal.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cni.Plugins;

/// <summary>
/// What an ADD has done so far, as steps that undo it. Disposing runs them newest first unless
/// <see cref="Complete"/> was called, so a failed ADD leaves nothing behind. A step that fails
/// is logged and the others still run: the original error is what the runtime must see.
/// </summary>
/// <remarks>
/// A rollback is logged at Warning with its cause (given to <see cref="RecordFailure"/>) and the steps
/// it undoes, each step undone at Information, a step that failed at Warning; it is a span
/// (<c>rollback</c>, <see cref="PluginDiagnostics.ActivitySourceName"/>) with an <c>undo</c> event per step.
/// </remarks>
/// <param name="logger">Where the rollback is logged (the request's <see cref="CniRequest{TConfig}.Logger"/>).</param>
public sealed partial class Rollback(ILogger logger) : IAsyncDisposable
{
    private const string UnknownCause = "the ADD did not complete";

    private readonly Stack<(string What, Func<Task> Undo)> _steps = new();
    private bool _completed;
    private Exception? _cause;

    /// <summary>Records a step that undoes what was just done.</summary>
    /// <param name="what">What the step does, for the log ("delete veth veth1234abcd").</param>
    /// <param name="undo">The step.</param>
    public void Add(string what, Action undo)
    {
        ArgumentNullException.ThrowIfNull(undo);
        _steps.Push((what, () => { undo(); return Task.CompletedTask; }));
    }

    /// <summary>Records an asynchronous step that undoes what was just done.</summary>
    /// <param name="what">What the step does, for the log.</param>
    /// <param name="undo">The step.</param>
    public void Add(string what, Func<Task> undo)
    {
        ArgumentNullException.ThrowIfNull(undo);
        _steps.Push((what, undo));
    }

    /// <summary>The ADD succeeded: keep everything.</summary>
    public void Complete() => _completed = true;

    /// <summary>
    /// Records why the ADD failed, for the log line and the span of the rollback that follows: call it
    /// where the error passes, for example in <c>catch (Exception e) { rollback.RecordFailure(e); throw; }</c>.
    /// Without it the rollback is logged as an ADD that did not complete; the error itself still reaches the
    /// runtime and the command's span through the plugin host.
    /// </summary>
    /// <param name="cause">The error that ends the ADD.</param>
    public void RecordFailure(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        _cause = cause;
    }

    /// <summary>Runs the recorded steps, newest first, unless <see cref="Complete"/> was called.</summary>
    /// <returns>A task that completes when every step has run.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_completed || _steps.Count == 0)
        {
            return;
        }

        var reason = _cause?.Message ?? UnknownCause;
        var what = string.Join("; ", _steps.Select(s => s.What));
        var steps = _steps.Count;
        if (_cause is null)
        {
            // The handler's error still reaches the runtime (and the verb span) through the host.
            Quietly(() => LogRollingBack(logger, steps, what));
        }
        else
        {
            Quietly(() => LogRollingBackAfter(logger, steps, reason, what));
        }

        using var telemetry = RollbackTelemetry.Start(_steps.Count, reason, _cause);
        while (_steps.TryPop(out var step))
        {
            try
            {
                await step.Undo().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Undo is best effort: any failure is logged and the next step still runs.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Quietly(() => LogUndoFailed(logger, e, step.What, e.Message));
                telemetry.Undone(step.What, e);
                continue;
            }

            Quietly(() => LogUndone(logger, step.What));
            telemetry.Undone(step.What, null);
        }
    }

    /// <summary>Logs, ignoring a logger that throws: its lines matter less than the steps still to undo.</summary>
    private static void Quietly(Action log)
    {
        try
        {
            log();
        }
#pragma warning disable CA1031 // A failing logger must not stop the undo or replace the ADD's own error.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ADD did not complete: undoing {Steps} steps, newest first: {What}")]
    private static partial void LogRollingBack(ILogger logger, int steps, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ADD failed ({Reason}): undoing {Steps} steps, newest first: {What}")]
    private static partial void LogRollingBackAfter(ILogger logger, int steps, string reason, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "undoing ADD: {What} done")]
    private static partial void LogUndone(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "undoing ADD: {What} failed: {Reason}")]
    private static partial void LogUndoFailed(ILogger logger, Exception exception, string what, string reason);
}
