using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cni.Tests.PluginHost;

/// <summary>
/// The process path (<c>RunAsync</c>) with its streams swapped for memory: stdout keeps exactly one
/// JSON document whatever a handler writes or throws, and SIGTERM cancels the handler's token.
/// </summary>
[Collection(nameof(ConsoleTests))]
public sealed class RunAsyncTests
{
    private const string Stray = "stray text from the handler";

    [Fact]
    public async Task Console_output_of_a_handler_goes_to_stderr()
    {
        var plugin = Plugin((_, _) =>
        {
            Console.Write(Stray);
            Console.Out.Flush();
            var result = new CniResult();
            result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("10.0.0.2/24") });
            return Task.FromResult(result);
        });

        var (stdout, stderr, exitCode, console) = await RunAsync(plugin);

        Assert.Equal(0, exitCode);
        AssertOneDocument(stdout);
        Assert.Equal("10.0.0.2/24", JsonDocument.Parse(stdout).RootElement.GetProperty("ips")[0].GetProperty("address").GetString());
        Assert.Contains(Stray, stderr, StringComparison.Ordinal);
        Assert.Equal("", console);
    }

    [Fact]
    public async Task An_exception_becomes_code_999_with_the_stack_trace_on_stderr()
    {
        var plugin = Plugin((_, _) =>
        {
            Console.WriteLine(Stray);
            throw new InvalidOperationException("the disk is full");
        });

        var (stdout, stderr, exitCode, console) = await RunAsync(plugin);

        Assert.Equal(1, exitCode);
        Assert.Equal("{\n    \"cniVersion\": \"1.0.0\",\n    \"code\": 999,\n    \"msg\": \"the disk is full\"\n}", stdout);
        Assert.Contains(Stray, stderr, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: the disk is full", stderr, StringComparison.Ordinal);
        Assert.Contains(" at ", stderr, StringComparison.Ordinal);
        Assert.Equal("", console);
    }

    [Fact]
    public async Task A_CniException_keeps_its_code_message_and_details()
    {
        var plugin = Plugin((_, _) =>
        {
            Console.Write(Stray);
            throw new CniException(CniErrorCode.TryAgainLater, "busy <now>", "lock held by pid 7");
        });

        var (stdout, stderr, exitCode, console) = await RunAsync(plugin);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "{\n    \"cniVersion\": \"1.0.0\",\n    \"code\": 11,\n    \"msg\": \"busy \\u003cnow\\u003e\",\n    \"details\": \"lock held by pid 7\"\n}",
            stdout);
        Assert.Equal(Stray, stderr);
        Assert.Equal("", console);
    }

    [Fact]
    public async Task SIGTERM_cancels_the_handler_token()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var plugin = Plugin(async (_, cancellationToken) =>
        {
            started.SetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return new CniResult();
        });

        var run = RunAsync(plugin);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        using (var kill = Process.Start("kill", ["-TERM", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var (stdout, _, exitCode, _) = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.Equal(999u, JsonDocument.Parse(stdout).RootElement.GetProperty("code").GetUInt32());
        Assert.Equal("A task was canceled.", JsonDocument.Parse(stdout).RootElement.GetProperty("msg").GetString());
    }

    private static CniPlugin<HostTestConfig> Plugin(Func<CniRequest<HostTestConfig>, CancellationToken, Task<CniResult>> add)
    {
        var plugin = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig).Build();
        plugin.OnAdd(add);
        return plugin;
    }

    // Runs the process path with Console.Out pointing at a sentinel: anything reaching it would have
    // reached the real stdout.
    private static async Task<(string Stdout, string Stderr, int ExitCode, string Console)> RunAsync(CniPlugin<HostTestConfig> plugin)
    {
        var environment = TestPlugins.AddEnvironment();
        var stdin = Encoding.UTF8.GetBytes(TestPlugins.Config());
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        using var sentinel = new StringWriter(CultureInfo.InvariantCulture);
        var original = Console.Out;
        Console.SetOut(sentinel);
        try
        {
            var exitCode = await plugin.RunAsync(name => environment.GetValueOrDefault(name), () => new MemoryStream(stdin), stdout, () => stderr);
            return (Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString(), exitCode, sentinel.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private static void AssertOneDocument(string stdout)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(stdout));
        Assert.True(reader.Read());
        reader.Skip();
        Assert.False(reader.Read());
    }
}
