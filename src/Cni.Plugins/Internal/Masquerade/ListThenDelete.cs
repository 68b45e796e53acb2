using Microsoft.Extensions.Logging;

namespace Cni.Plugins.Internal.Masquerade;

/// <summary>
/// Firewall rules are removed in two steps: list them, then delete what was listed in one
/// transaction. Another run of a plugin (a second DEL of the same container, a GC) may delete some
/// of those rules in between, and the transaction then fails as a whole. Listing again settles it:
/// what the other run removed is no longer listed. A failure that persists (no permission, a broken
/// tool) is still reported, after the last attempt.
/// </summary>
internal static partial class ListThenDelete
{
    private const int Attempts = 4;

    /// <summary>Runs <paramref name="listAndDelete"/>, again while it fails and attempts are left; each retry is logged at Information.</summary>
    public static async Task RunAsync(Func<Task> listAndDelete, ILogger logger)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await listAndDelete().ConfigureAwait(false);
                return;
            }
            catch (CniException e) when (attempt < Attempts)
            {
                // Raced with another run; the next listing shows what is left.
                LogRetry(logger, e.Message, attempt + 1, Attempts);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "firewall rules changed while being replaced or removed ({Reason}); listing them again, attempt {Attempt} of {Attempts}")]
    private static partial void LogRetry(ILogger logger, string reason, int attempt, int attempts);
}
