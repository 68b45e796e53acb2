using Microsoft.Extensions.Logging;

namespace Cni.Plugins.Tests;

public class RollbackTests
{
    [Fact]
    public async Task Undoes_newest_first_and_logs_a_failed_step_without_stopping()
    {
        var logger = new RecordingLogger();
        var undone = new List<string>();
        await using (var rollback = new Rollback(logger))
        {
            rollback.Add("first", () => undone.Add("first"));
            rollback.Add("second", () => throw new InvalidOperationException("boom"));
            rollback.Add("third", async () =>
            {
                await Task.Yield();
                undone.Add("third");
            });
        }

        Assert.Equal(["third", "first"], undone);
        Assert.Single(logger.Entries, e => e == (LogLevel.Warning, "undoing ADD: second failed: boom"));
    }

    [Fact]
    public async Task A_logger_that_throws_stops_neither_the_undo_nor_the_dispose()
    {
        var undone = new List<string>();
        await using (var rollback = new Rollback(new ThrowingLogger()))
        {
            rollback.Add("first", () => undone.Add("first"));
            rollback.Add("second", () => throw new InvalidOperationException("boom"));
            rollback.Add("third", () => undone.Add("third"));
        }

        Assert.Equal(["third", "first"], undone);
    }

    [Fact]
    public async Task Keeps_everything_once_complete()
    {
        var undone = false;
        await using (var rollback = new Rollback(new RecordingLogger()))
        {
            rollback.Add("step", () => undone = true);
            rollback.Complete();
        }

        Assert.False(undone);
    }
}
