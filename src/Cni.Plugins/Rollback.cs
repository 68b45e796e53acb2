using Microsoft.Extensions.Logging;

namespace Cni.Plugins;

/// <summary>
/// What an ADD has done so far, as steps that undo it. Disposing runs them newest first unless
/// <see cref="Complete"/> was called, so a failed ADD leaves nothing behind. A step that fails
/// is logged and the others still run: the original error is what the runtime must see.
/// </summary>
/// <param name="logger">Where a failed step is logged (the request's <see cref="CniRequest{TConfig}.Logger"/>).</param>
public sealed partial class Rollback(ILogger logger) : IAsyncDisposable
{
    private readonly Stack<(string What, Func<Task> Undo)> _steps = new();
    private bool _completed;

    /// <summary>Records a step that undoes what was just done.</summary>
    /// <param name="what">What the step does, for the log when it fails ("delete veth veth1234abcd").</param>
    /// <param name="undo">The step.</param>
    public void Add(string what, Action undo)
    {
        ArgumentNullException.ThrowIfNull(undo);
        _steps.Push((what, () => { undo(); return Task.CompletedTask; }));
    }

    /// <summary>Records an asynchronous step that undoes what was just done.</summary>
    /// <param name="what">What the step does, for the log when it fails.</param>
    /// <param name="undo">The step.</param>
    public void Add(string what, Func<Task> undo)
    {
        ArgumentNullException.ThrowIfNull(undo);
        _steps.Push((what, undo));
    }

    /// <summary>The ADD succeeded: keep everything.</summary>
    public void Complete() => _completed = true;

    /// <summary>Runs the recorded steps, newest first, unless <see cref="Complete"/> was called.</summary>
    /// <returns>A task that completes when every step has run.</returns>
    public async ValueTask DisposeAsync()
    {
        while (!_completed && _steps.TryPop(out var step))
        {
            try
            {
                await step.Undo().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Undo is best effort: any failure is logged and the next step still runs.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogUndoFailed(logger, e, step.What, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "undoing ADD: {What} failed: {Reason}")]
    private static partial void LogUndoFailed(ILogger logger, Exception exception, string what, string reason);
}
