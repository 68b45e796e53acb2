using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cni.Testing;

namespace Cni.Tool.Tests;

/// <summary>
/// <c>cni conform</c> on real plugins (the reference's and ours: every check passes or is skipped)
/// and on deliberately broken ones, small bash wrappers around a real host-local (the reference's,
/// or ours for what needs spec 1.1.0) written here, each breaking one rule: the check for that rule
/// must fail and the exit status be 1.
/// </summary>
public sealed class ConformTests : IDisposable
{
    // The checks of spec 1.1.0's commands, skipped for a config below cniVersion 1.1.0.
    private static readonly string[] s_spec110Checks = ["gc", "gc-release", "status"];

    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-conform-").FullName;

    // Each test names its namespaces with a prefix of its own, so a leak check sees only what this test made.
    private readonly string _prefix = $"cnit-cf{Guid.NewGuid().ToString("N")[..6]}";

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Config(string json)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, json);
        return path;
    }

    private string HostLocalConfig(string version = "1.0.0")
        => Config($$$"""{"cniVersion":"{{{version}}}","name":"cnit-conform","type":"host-local","ipam":{"type":"host-local","subnet":"10.39.0.0/24"}}""");

    private string BridgeConfig(string version)
        => Config($$$"""{"cniVersion":"{{{version}}}","name":"cnit-conform","type":"bridge","bridge":"cnitbr0","isGateway":true,"ipam":{"type":"host-local","subnet":"10.40.0.0/24"}}""");

    private string PtpConfig(string version)
        => Config($$$"""{"cniVersion":"{{{version}}}","name":"cnit-conform","type":"ptp","ipam":{"type":"host-local","subnet":"10.43.0.0/24"}}""");

    private string ConfigFor(string kind, string version = "1.0.0") => kind switch
    {
        "bridge" => BridgeConfig(version),
        "ptp" => PtpConfig(version),
        _ => HostLocalConfig(version),
    };

    /// <summary>Runs conform with --json; returns the status and reason of every check by name, the whole report and the exit status.</summary>
    private async Task<(Dictionary<string, string> Status, Dictionary<string, string> Reason, string Report, int ExitCode)> ConformAsync(string plugin, string config, string cniPath = "/usr/lib/cni")
    {
        Requires.Root();
        var (stdout, stderr, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "conform", plugin, "--config", config, "--cni-path", cniPath, "--json", "--netns-prefix", _prefix);
        Assert.True(stdout.Length > 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var checks = report.RootElement.GetProperty("checks").EnumerateArray().ToList();
        var status = checks.ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        var reason = checks.ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("reason").GetString()!);
        return (status, reason, stdout, exitCode);
    }

    private static string[] Failed(Dictionary<string, string> status) => [.. status.Where(s => s.Value == "FAIL").Select(s => s.Key).Order(StringComparer.Ordinal)];

    private void NoNamespacesLeft() => Assert.DoesNotContain(Directory.EnumerateFiles("/run/netns"), f => Path.GetFileName(f).StartsWith(_prefix, StringComparison.Ordinal));

    [Theory]
    [InlineData("/usr/lib/cni/host-local", "host-local")]
    [InlineData("/usr/lib/cni/bridge", "bridge")]
    [InlineData("/usr/lib/cni/ptp", "ptp")]
    public async Task The_reference_plugins_pass_except_what_needs_spec_1_1_0(string plugin, string kind)
    {
        Requires.Executable(plugin);
        var (status, _, report, exitCode) = await ConformAsync(plugin, ConfigFor(kind));

        Assert.True(exitCode == 0, report);
        Assert.Equal(s_spec110Checks, status.Where(s => s.Value == "skip").Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.All(status.Where(s => !s_spec110Checks.Contains(s.Key)), s => Assert.Equal("pass", s.Value));
        NoNamespacesLeft();
    }

    [Theory]
    [InlineData("host-local")]
    [InlineData("bridge")]
    [InlineData("ptp")]
    public async Task Our_plugins_pass_every_check_at_1_1_0(string kind)
    {
        var plugin = Requires.Executable(Path.Combine(RepositoryPaths.Plugins, kind));
        var (status, _, report, exitCode) = await ConformAsync(plugin, ConfigFor(kind, "1.1.0"));

        Assert.True(exitCode == 0, report);
        Assert.All(status, s => Assert.Equal("pass", s.Value));
        Assert.Equal(19, status.Count);
        NoNamespacesLeft();
    }

    [Fact]
    public async Task Below_1_1_0_the_gc_and_status_checks_are_skipped_with_the_reason()
    {
        var plugin = Requires.Executable(Path.Combine(RepositoryPaths.Plugins, "host-local"));
        var (status, reason, report, exitCode) = await ConformAsync(plugin, HostLocalConfig("1.0.0"));

        Assert.True(exitCode == 0, report);
        Assert.All(s_spec110Checks, c => Assert.True(status[c] == "skip" && reason[c].Contains("GC and STATUS need cniVersion 1.1.0; the config has 1.0.0", StringComparison.Ordinal), report));
        Assert.All(status.Where(s => !s_spec110Checks.Contains(s.Key)), s => Assert.Equal("pass", s.Value));
        NoNamespacesLeft();
    }

    [Fact]
    public async Task Without_host_local_ipam_gc_release_is_skipped_with_the_reason()
    {
        // hello takes its address from its own configuration: no IPAM, so no store to read.
        var plugin = Requires.Executable(Path.Combine(RepositoryPaths.Plugins, "hello"));
        var config = Config("""{"cniVersion":"1.1.0","name":"cnit-conform","type":"hello","address":"10.44.0.5/24"}""");
        var (status, reason, report, _) = await ConformAsync(plugin, config);

        Assert.True(status["gc-release"] == "skip", report);
        Assert.Equal("the config's IPAM is not host-local (the only store the tool can read)", reason["gc-release"]);
        Assert.Equal("pass", status["gc"]);
        NoNamespacesLeft();
    }

    [Theory]
    [InlineData("gc-does-nothing", new[] { "gc-release" })]
    [InlineData("gc-releases-everything", new[] { "gc", "gc-release" })]
    public async Task A_plugin_whose_gc_does_not_release_what_it_was_told_fails_gc_release(string behaviour, string[] failed)
    {
        var (status, reason, report, exitCode) = await ConformAsync(WriteSpec110Plugin(behaviour), HostLocalConfig("1.1.0"));

        Assert.True(exitCode == 1, report);
        Assert.Equal(failed, Failed(status));
        Assert.Contains("host-local store", reason["gc-release"], StringComparison.Ordinal);
        NoNamespacesLeft();
    }

    [Theory]
    [InlineData("status-50", "pass", new string[0])]
    [InlineData("status-51", "pass", new string[0])]
    [InlineData("status-7", "FAIL", new[] { "status" })]
    [InlineData("status-without-msg", "FAIL", new[] { "status" })]
    [InlineData("status-not-json", "FAIL", new[] { "status", "stdout" })]
    public async Task Status_may_report_unavailability_only_with_code_50_or_51(string behaviour, string expected, string[] failed)
    {
        var (status, reason, report, exitCode) = await ConformAsync(WriteSpec110Plugin(behaviour), HostLocalConfig("1.1.0"));

        Assert.True(status["status"] == expected, report);
        Assert.Equal(failed, Failed(status));
        Assert.Equal(failed.Length == 0 ? 0 : 1, exitCode);
        if (expected == "pass")
        {
            Assert.Contains($"unavailable: code {behaviour[^2..]}", reason["status"], StringComparison.Ordinal);
        }

        NoNamespacesLeft();
    }

    [Theory]
    [InlineData("wrong-result-version", "result-version")]
    [InlineData("stray-stdout", "stdout")]
    [InlineData("del-fails-without-netns", "del-netns-gone")]
    [InlineData("duplicate-addresses", "parallel-add")]
    public async Task A_broken_plugin_fails_the_check_for_what_it_breaks(string broken, string check)
    {
        var plugin = WriteBrokenPlugin(broken);
        var (status, _, report, exitCode) = await ConformAsync(plugin, HostLocalConfig());

        Assert.True(exitCode == 1, report);
        Assert.True(status[check] == "FAIL", report);
        NoNamespacesLeft();
    }

    [Fact]
    public async Task The_table_names_the_reason_of_each_failure()
    {
        Requires.Root();
        var plugin = WriteBrokenPlugin("del-fails-without-netns");
        var (stdout, _, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "conform", plugin, "--config", HostLocalConfig(), "--netns-prefix", _prefix);

        Assert.Equal(1, exitCode);
        var row = stdout.Split('\n').Single(l => l.StartsWith("del-netns-gone ", StringComparison.Ordinal));
        Assert.Contains("FAIL", row, StringComparison.Ordinal);
        Assert.Contains("DEL after the netns was deleted: exit 1, code 11: netns", row, StringComparison.Ordinal);
        Assert.Contains("passed, 1 failed, 3 skipped", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_plugin_the_run_does_not_start()
    {
        var (_, stderr, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "conform", Path.Combine(_directory, "none"), "--config", HostLocalConfig());
        Assert.Equal(2, exitCode);
        Assert.Contains("no plugin at", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conform", """{"cniVersion":"1.0.0","name":5,"type":"host-local"}""", "a plugin configuration needs \"name\" and \"type\" strings")]
    [InlineData("conform", """{"cniVersion":"1.0.0","name":"a","name":"b","type":"host-local"}""", "Duplicate property 'name'")]
    [InlineData("conform", """{"cniVersion":1,"name":"a","type":"host-local"}""", "\"cniVersion\" must be one of 0.1.0")]
    [InlineData("bench", """{"cniVersion":"1.0.0","name":"a","type":["host-local"]}""", "a plugin configuration needs \"name\" and \"type\" strings")]
    [InlineData("bench", """{"cniVersion":"1.0.0","name":"a","type":"host-local","type":"bridge"}""", "Duplicate property 'type'")]
    public async Task A_bad_configuration_is_one_line_on_stderr_with_exit_status_2(string command, string json, string reason)
    {
        Requires.Root();
        var plugin = Requires.Executable("/usr/lib/cni/host-local");
        var config = Config(json);
        var (stdout, stderr, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), command, plugin, "--config", config, "--netns-prefix", _prefix);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.StartsWith($"cni {command}: {config}: ", stderr, StringComparison.Ordinal);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.Equal(1, stderr.Count(c => c == '\n'));
        NoNamespacesLeft();
    }

    [Fact]
    public async Task Cancelling_a_run_kills_the_plugin_and_deletes_the_namespaces()
    {
        Requires.Root();
        var pidFile = Path.Combine(_directory, "pid");
        var plugin = Path.Combine(_directory, "hangs");
        await File.WriteAllTextAsync(plugin, $"#!/bin/bash\necho $$ > {pidFile}\nexec sleep 120\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var info = new ProcessStartInfo(CniTool.Path, ["conform", plugin, "--config", HostLocalConfig(), "--netns-prefix", _prefix])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var tool = Process.Start(info)!;
        var stderr = tool.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = tool.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        while (!File.Exists(pidFile) || new FileInfo(pidFile).Length == 0)
        {
            if (tool.HasExited)
            {
                Assert.Fail($"the tool exited before it ran the plugin: {await stderr}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var pluginPid = int.Parse((await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken)).Trim(), CultureInfo.InvariantCulture);
        Assert.True(Directory.Exists($"/proc/{pluginPid}"));
        using (var kill = Process.Start("/bin/kill", ["-TERM", tool.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await tool.WaitForExitAsync(timeout.Token);
        await stdout;

        Assert.Equal(2, tool.ExitCode);
        Assert.Equal("cni conform: cancelled\n", await stderr);
        Assert.False(Directory.Exists($"/proc/{pluginPid}"), $"the plugin (pid {pluginPid}) outlived the run");
        NoNamespacesLeft();
    }

    [Fact]
    public async Task A_bad_namespace_prefix_is_a_command_line_error()
    {
        var (_, stderr, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "conform", "/usr/lib/cni/host-local", "--config", HostLocalConfig(), "--netns-prefix", "../x");
        Assert.Equal(1, exitCode);
        Assert.Contains("--netns-prefix must be 1 to 32 letters", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parallel_count_below_two_is_a_command_line_error()
    {
        var (_, stderr, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "conform", "/usr/lib/cni/host-local", "--config", HostLocalConfig(), "--parallel", "1");
        Assert.Equal(1, exitCode);
        Assert.Contains("--parallel must be at least 2.", stderr, StringComparison.Ordinal);
    }

    /// <summary>A bash plugin that runs the reference host-local and breaks one rule.</summary>
    private string WriteBrokenPlugin(string broken)
    {
        Requires.Executable("/usr/lib/cni/host-local");
        var body = broken switch
        {
            // Answers every ADD in 0.2.0, whatever the configuration asked for.
            "wrong-result-version" => """
                out=$(/usr/lib/cni/host-local); rc=$?
                if [ "$CNI_COMMAND" = ADD ] && [ $rc -eq 0 ]; then out=$(printf '%s' "$out" | sed -E 's/"cniVersion": "[^"]*"/"cniVersion": "0.2.0"/'); fi
                printf '%s' "$out"; exit $rc
                """,

            // Logs to stdout before the result.
            "stray-stdout" => """
                [ "$CNI_COMMAND" = ADD ] && echo "allocating an address"
                exec /usr/lib/cni/host-local
                """,

            // DEL needs the container's namespace, which is not there any more when a runtime cleans up late.
            "del-fails-without-netns" => """
                if [ "$CNI_COMMAND" = DEL ] && [ -n "$CNI_NETNS" ] && [ ! -e "$CNI_NETNS" ]; then
                  printf '{"code": 11, "msg": "netns %s is gone"}' "$CNI_NETNS"; exit 1
                fi
                exec /usr/lib/cni/host-local
                """,

            // Hands every container the same address.
            "duplicate-addresses" => """
                out=$(/usr/lib/cni/host-local); rc=$?
                if [ "$CNI_COMMAND" = ADD ] && [ $rc -eq 0 ]; then out=$(printf '%s' "$out" | sed -E 's#"(address|ip)": "[0-9.]+/#"\1": "10.39.0.200/#'); fi
                printf '%s' "$out"; exit $rc
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };
        return WriteScript(broken, body);
    }

    /// <summary>A bash plugin that runs our host-local (spec 1.1.0: GC and STATUS) and changes how it answers GC or STATUS.</summary>
    private string WriteSpec110Plugin(string behaviour)
    {
        var ours = Requires.Executable(Path.Combine(RepositoryPaths.Plugins, "host-local"));
        var body = behaviour switch
        {
            // Answers GC with success and releases nothing.
            "gc-does-nothing" => """
                [ "$CNI_COMMAND" = GC ] && exit 0
                exec "$ours"
                """,

            // Releases every allocation of the network, also those the valid list keeps.
            "gc-releases-everything" => """
                if [ "$CNI_COMMAND" = GC ]; then
                  sed -E 's#"cni.dev/valid-attachments":\[[^]]*\]#"cni.dev/valid-attachments":[]#' | "$ours"
                  exit
                fi
                exec "$ours"
                """,
            "status-50" or "status-51" or "status-7" => $$"""
                if [ "$CNI_COMMAND" = STATUS ]; then
                  printf '{"cniVersion":"1.1.0","code":{{behaviour[7..]}},"msg":"no address left"}'; exit 1
                fi
                exec "$ours"
                """,

            // An error object without the msg the spec requires.
            "status-without-msg" => """
                if [ "$CNI_COMMAND" = STATUS ]; then printf '{"cniVersion":"1.1.0","code":50}'; exit 1; fi
                exec "$ours"
                """,
            "status-not-json" => """
                if [ "$CNI_COMMAND" = STATUS ]; then echo "not ready"; exit 1; fi
                exec "$ours"
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(behaviour)),
        };
        return WriteScript(behaviour, $"ours='{ours}'\n{body}");
    }

    private string WriteScript(string name, string body)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
