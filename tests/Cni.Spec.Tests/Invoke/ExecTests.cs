using System.Diagnostics;
using System.Text;

namespace Cni.Tests.Invoke;

public sealed class ExecTests : IDisposable
{
    private readonly PluginFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Success_returns_stdout_as_it_is()
    {
        var plugin = _folder.Script("ok", "printf '{\"cniVersion\":\"1.0.0\"}\\n\\n'");

        var stdout = await Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Token);

        Assert.Equal("{\"cniVersion\":\"1.0.0\"}\n\n", Encoding.UTF8.GetString(stdout));
    }

    [Fact]
    public async Task The_config_arrives_on_stdin()
    {
        var plugin = _folder.Script("echo", "cat");
        var config = "{\"cniVersion\":\"1.1.0\",\"name\":\"n\",\"type\":\"echo\"}"u8.ToArray();

        var stdout = await Quiet.Invoker().ExecAsync(plugin, config, Quiet.Add, Token);

        Assert.Equal(config, stdout);
    }

    [Fact]
    public async Task The_CNI_variables_and_the_callers_environment_are_passed()
    {
        var plugin = _folder.Script("env", "env");
        var invoker = Quiet.Invoker(o =>
        {
            o.Environment["CNIT_EXTRA"] = "from options";
            o.Environment["CNI_NETNS"] = "overridden by the args";
        });
        var args = new CniInvokeArgs
        {
            Command = "DEL",
            ContainerId = "c1",
            NetNs = "/var/run/netns/x",
            IfName = "eth7",
            Args = "IgnoreUnknown=1;K8S_POD_NAME=p",
            Path = "/opt/cni/bin:/usr/lib/cni",
        };

        var env = ParseEnv(await invoker.ExecAsync(plugin, "{}"u8.ToArray(), args, Token));

        Assert.Equal("DEL", env["CNI_COMMAND"]);
        Assert.Equal("c1", env["CNI_CONTAINERID"]);
        Assert.Equal("/var/run/netns/x", env["CNI_NETNS"]);
        Assert.Equal("eth7", env["CNI_IFNAME"]);
        Assert.Equal("IgnoreUnknown=1;K8S_POD_NAME=p", env["CNI_ARGS"]);
        Assert.Equal("/opt/cni/bin:/usr/lib/cni", env["CNI_PATH"]);
        Assert.Equal("from options", env["CNIT_EXTRA"]);
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), env["PATH"]);
    }

    [Fact]
    public async Task Empty_CNI_variables_are_set_empty_not_left_out()
    {
        var plugin = _folder.Script("env", "env");

        var env = ParseEnv(await Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), new CniInvokeArgs { Command = "STATUS" }, Token));

        Assert.Equal("STATUS", env["CNI_COMMAND"]);
        foreach (var name in new[] { "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH" })
        {
            Assert.Equal("", env[name]);
        }
    }

    [Fact]
    public async Task Error_json_on_stdout_becomes_the_exception()
    {
        var plugin = _folder.Script("fail", """
            printf '{"cniVersion":"1.0.0","code":7,"msg":"bad config","details":"subnet overlaps"}'
            echo 'ignored because stdout has the error' >&2
            exit 1
            """);

        var error = await Assert.ThrowsAsync<CniException>(() => Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Token));

        Assert.Equal(CniErrorCode.InvalidNetworkConfig, error.Code);
        Assert.Equal("bad config", error.Message);
        Assert.Equal("subnet overlaps", error.Details);
    }

    [Fact]
    public async Task Error_json_is_read_leniently_as_Go_does()
    {
        var plugin = _folder.Script("fail", """
            printf '{"CODE": 101, "Msg": "custom", "details": null, "extra": {"a": [1, 2]}}\n'
            exit 5
            """);

        var error = await Assert.ThrowsAsync<CniException>(() => Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Token));

        Assert.Equal((CniErrorCode)101, error.Code);
        Assert.Equal("custom", error.Message);
        Assert.Null(error.Details);
    }

    [Fact]
    public async Task Error_json_without_a_code_has_code_0()
    {
        var plugin = _folder.Script("fail", "echo '{\"msg\":\"no code\"}'; exit 1");

        var error = await Assert.ThrowsAsync<CniException>(() => Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Token));

        Assert.Equal(CniErrorCode.Unknown, error.Code);
        Assert.Equal("no code", error.Message);
    }

    [Fact]
    public async Task Stderr_alone_is_quoted_with_the_exit_status()
    {
        var plugin = _folder.Script("fail", "printf 'boom: \"x\"\\n\\tline 2\\n' >&2; exit 3");

        var error = await Assert.ThrowsAsync<CniException>(() => Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Token));

        Assert.Equal("netplugin failed: \"boom: \\\"x\\\"\\n\\tline 2\\n\": exit status 3", error.Message);
        Assert.Equal(CniErrorCode.Unknown, error.Code);
        Assert.Null(error.Details);
    }

    [Fact]
    public async Task No_output_at_all_gives_the_exit_status()
    {
        var plugin = _folder.Script("fail", "exit 2");

        var error = await Assert.ThrowsAsync<CniException>(() => Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Token));

        Assert.Equal("netplugin failed with no error message: exit status 2", error.Message);
    }

    [Theory]
    [InlineData("not json\\n", "\"not json\\n\"")]
    [InlineData("[1,2]", "\"[1,2]\"")]
    [InlineData("{\\\"code\\\":\\\"7\\\"}", "\"{\\\"code\\\":\\\"7\\\"}\"")]
    [InlineData("{\\\"msg\\\":\\\"a\\\"} trailing", "\"{\\\"msg\\\":\\\"a\\\"} trailing\"")]
    public async Task Stdout_that_is_not_an_error_object_is_quoted(string printed, string quoted)
    {
        var plugin = _folder.Script("fail", $"printf \"{printed}\"; echo 'also on stderr' >&2; exit 1");

        var error = await Assert.ThrowsAsync<CniException>(() => Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Token));

        Assert.StartsWith($"netplugin failed but error parsing its diagnostic message {quoted}: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(CniErrorCode.Unknown, error.Code);
    }

    [Fact]
    public async Task A_binary_that_cannot_be_run_fails_like_Go_exec()
    {
        var plugin = Path.Join(_folder.Path, "noexec");
        File.WriteAllText(plugin, "#!/bin/sh\nexit 0\n");

        var error = await Assert.ThrowsAsync<CniException>(() => Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Token));

        Assert.Equal($"netplugin failed with no error message: fork/exec {plugin}: permission denied", error.Message);
    }

    [Fact]
    public async Task Large_output_on_both_streams_and_large_input_do_not_deadlock()
    {
        // Writes 4 MiB to stdout and 2 MiB to stderr before reading any of its 3 MiB of stdin:
        // every pipe fills up unless all three are served at once.
        var plugin = _folder.Script("big", """
            head -c 4194304 /dev/zero | tr '\0' 'o'
            head -c 2097152 /dev/zero | tr '\0' 'e' >&2
            test "$(wc -c)" -eq 3145728 || exit 9
            """);
        var stderr = new MemoryStream();
        var invoker = Quiet.Invoker(o => o.Stderr = stderr);

        var stdout = await invoker.ExecAsync(plugin, new byte[3 * 1024 * 1024], Quiet.Add, Token);

        Assert.Equal(4 * 1024 * 1024, stdout.Length);
        Assert.All(stdout, b => Assert.Equal((byte)'o', b));
        Assert.Equal(2 * 1024 * 1024, stderr.Length);
    }

    [Fact]
    public async Task A_plugin_that_ignores_its_stdin_still_succeeds()
    {
        var plugin = _folder.Script("deaf", "echo done");

        var stdout = await Quiet.Invoker().ExecAsync(plugin, new byte[8 * 1024 * 1024], Quiet.Add, Token);

        Assert.Equal("done\n", Encoding.UTF8.GetString(stdout));
    }

    [Fact]
    public async Task Stderr_of_a_successful_plugin_is_copied()
    {
        var plugin = _folder.Script("chatty", "echo 'log line' >&2; echo '{}'");
        var stderr = new MemoryStream();

        await Quiet.Invoker(o => o.Stderr = stderr).ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Token);

        Assert.Equal("log line\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task A_timeout_kills_the_plugin_and_its_children_and_gives_code_11()
    {
        var pidFile = Path.Join(_folder.Path, "child.pid");
        var plugin = _folder.Script("slow", $"sleep 60 & echo $! > {pidFile}; wait");
        // Long enough for the script to write the pid file even on a loaded machine.
        var invoker = Quiet.Invoker(o => o.Timeout = TimeSpan.FromSeconds(3));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<CniException>(() => invoker.ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Token));

        Assert.Equal(CniErrorCode.TryAgainLater, error.Code);
        Assert.Equal($"netplugin \"{plugin}\" did not finish within 3s and was killed", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        AssertGone(int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Cancelling_kills_the_plugin_and_its_children_and_throws_OperationCanceledException()
    {
        var pidFile = Path.Join(_folder.Path, "child.pid");
        var plugin = _folder.Script("slow", $"sleep 60 & echo $! > {pidFile}; wait");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var run = Quiet.Invoker(o => o.Timeout = TimeSpan.FromMinutes(5)).ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, cancel.Token);
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Length == 0)
        {
            await Task.Delay(20, Token);
        }

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(cancel.Token, error.CancellationToken);
        AssertGone(int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture));
    }

    internal static Dictionary<string, string> ParseEnv(byte[] envOutput)
        => Encoding.UTF8.GetString(envOutput)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    // Killed: the process is gone, or a zombie nobody has reaped yet (PID 1 in a container may not reap).
    private static void AssertGone(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        for (var i = 0; i < 100 && File.Exists(stat); i++)
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                return;
            }

            if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return;
            }

            Thread.Sleep(50);
        }

        Assert.False(File.Exists(stat), $"process {pid} is still running");
    }
}
