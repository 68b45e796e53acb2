using System.Diagnostics;
using System.Text;

namespace Cni.Tests.Invoke;

/// <summary>
/// ETXTBSY for real: exec of a file that some process still has open for writing fails with
/// "text file busy", which is what a runtime sees while a plugin binary is being installed.
/// </summary>
public sealed class TextFileBusyTests : IDisposable
{
    private readonly PluginFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_binary_still_open_for_writing_is_run_once_it_is_closed()
    {
        var path = Path.Join(_folder.Path, "installing");
        var writer = OpenForWriting(path, "#!/bin/sh\necho installed\n");
        var clock = Stopwatch.StartNew();
        Task<byte[]> run;
        try
        {
            run = Quiet.Invoker().ExecAsync(path, "{}"u8.ToArray(), Quiet.Add, Token);
            await Task.Delay(1500, Token);
            Assert.False(run.IsCompleted, "the first attempts must fail while the file is open for writing");
        }
        finally
        {
            await writer.DisposeAsync();
        }

        var stdout = await run;

        Assert.Equal("installed\n", Encoding.UTF8.GetString(stdout));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task After_six_busy_attempts_the_error_is_reported()
    {
        var path = Path.Join(_folder.Path, "stuck");
        await using var writer = OpenForWriting(path, "#!/bin/sh\necho never\n");
        var invoker = Quiet.Invoker(o => o.TextFileBusyDelay = TimeSpan.FromMilliseconds(20));

        var error = await Assert.ThrowsAsync<CniException>(() => invoker.ExecAsync(path, "{}"u8.ToArray(), Quiet.Add, Token));

        Assert.Equal($"netplugin failed with no error message: fork/exec {path}: text file busy", error.Message);
    }

    private static FileStream OpenForWriting(string path, string content)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(Encoding.UTF8.GetBytes(content));
        stream.Flush();
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return stream;
    }
}
