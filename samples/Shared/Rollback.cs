using Microsoft.Extensions.Logging;

namespace Cni.Samples;

/// <summary>
/// What an ADD has done so far, as steps that undo it. Disposing runs them newest first unless
/// <see cref="Complete"/> was called, so a failed ADD leaves nothing behind. A step that fails
/// is logged and the others still run: the original error is what the runtime must see.
/// </summary>
internal sealed partial class Rollback(ILogger logger) : IAsyncDisposable
{
    private readonly Stack<(string What, Func<Task> Undo)> _steps = new();
    private bool _completed;

    public void Add(string what, Action undo) => _steps.Push((what, () => { undo(); return Task.CompletedTask; }));

    public void Add(string what, Func<Task> undo) => _steps.Push((what, undo));

    /// <summary>The ADD succeeded: keep everything.</summary>
    public void Complete() => _completed = true;

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
