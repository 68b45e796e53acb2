using System.Text.Json;
using Cni.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cni.Tests.PluginHost;

/// <summary>What the host does beyond validation: VERSION, the about text, requests, results, GC/STATUS, logging.</summary>
public sealed class PluginHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("""{"cniVersion":"0.3.1","name":"n"}""")]
    [InlineData("garbage")]
    public async Task VERSION_equals_the_reference_and_ignores_stdin(string stdin)
    {
        var bridge = Requires.Executable(TestPlugins.Bridge);
        var environment = new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" };

        var reference = await ProcessRunner.RunAsync(bridge, environment, stdin);
        var ours = await TestPlugins.Recording(versions: TestPlugins.ReferenceVersions).InvokeAsync(environment, stdin, Ct);

        Assert.Equal(0, reference.ExitCode);
        Assert.Equal(reference, ours);
    }

    [Fact]
    public async Task VERSION_lists_every_version_by_default()
    {
        var output = await TestPlugins.Recording().InvokeAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "", Ct);

        Assert.Equal("{\"cniVersion\":\"1.1.0\",\"supportedVersions\":[\"0.1.0\",\"0.2.0\",\"0.3.0\",\"0.3.1\",\"0.4.0\",\"1.0.0\",\"1.1.0\"]}\n", output.Stdout);
        Assert.Equal(0, output.ExitCode);
    }

    [Fact]
    public async Task No_command_prints_the_about_text_like_the_reference()
    {
        var bridge = Requires.Executable(TestPlugins.Bridge);
        var environment = new Dictionary<string, string> { ["CNI_CONTAINERID"] = "x" };

        var reference = await ProcessRunner.RunAsync(bridge, environment, "zz");
        var ours = await TestPlugins.Recording(versions: TestPlugins.ReferenceVersions).InvokeAsync(environment, "zz", Ct);

        Assert.Equal("CNI bridge plugin version unknown\nCNI protocol versions supported: 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0\n", reference.Stderr);
        Assert.Equal(reference, ours);
    }

    [Fact]
    public async Task Default_about_names_the_entry_assembly()
    {
        var builder = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig);
        var plugin = builder.Build();
        plugin.OnAdd((_, _) => Task.FromResult(new CniResult()));

        var output = await plugin.InvokeAsync(new Dictionary<string, string>(), "", Ct);

        Assert.Matches(@"^CNI \S+ plugin version \S+\nCNI protocol versions supported: 0\.1\.0, .*, 1\.1\.0\n$", output.Stderr);
        Assert.Equal("", output.Stdout);
    }

    [Fact]
    public async Task Own_network_namespace_is_refused_before_the_handler()
    {
        var ran = false;
        var environment = TestPlugins.AddEnvironment();
        environment["CNI_NETNS"] = "/proc/self/ns/net";

        var output = await TestPlugins.Recording(_ => ran = true).InvokeAsync(environment, TestPlugins.Config(), Ct);

        Assert.False(ran);
        Assert.Equal(1, output.ExitCode);
        Assert.Equal(
            "{\n    \"cniVersion\": \"1.0.0\",\n    \"code\": 8,\n    \"msg\": \"plugin's netns and netns from CNI_NETNS should not be the same\",\n    \"details\": \"/proc/self/ns/net\"\n}",
            output.Stdout);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("TRUE")]
    public async Task CNI_NETNS_OVERRIDE_allows_the_own_namespace(string value)
    {
        var environment = TestPlugins.AddEnvironment("DEL");
        environment["CNI_NETNS"] = "/proc/self/ns/net";
        environment["CNI_NETNS_OVERRIDE"] = value;

        var output = await TestPlugins.Recording().InvokeAsync(environment, TestPlugins.Config(), Ct);

        Assert.Equal(new CniPluginOutput("", "", 0), output);
    }

    [Theory]
    [InlineData("GC", "1.0.0", CniErrorCode.IncompatibleCniVersion, "config version does not allow GC")]
    [InlineData("STATUS", "0.4.0", CniErrorCode.IncompatibleCniVersion, "config version does not allow STATUS")]
    [InlineData("GC", "", CniErrorCode.IncompatibleCniVersion, "config version does not allow GC")]
    public async Task GC_and_STATUS_need_1_1_0(string command, string version, CniErrorCode code, string message)
    {
        // The reference (libcni 1.1.2) predates GC and STATUS; these follow libcni 1.2's skel.
        var environment = new Dictionary<string, string> { ["CNI_COMMAND"] = command, ["CNI_PATH"] = "/opt/cni/bin" };

        var output = await TestPlugins.Recording().InvokeAsync(environment, TestPlugins.Config(version), Ct);

        AssertError(output, code, message);
    }

    [Fact]
    public async Task GC_when_the_plugin_stops_at_1_0_0()
    {
        var environment = new Dictionary<string, string> { ["CNI_COMMAND"] = "GC", ["CNI_PATH"] = "/opt/cni/bin" };

        var output = await TestPlugins.Recording(versions: TestPlugins.ReferenceVersions).InvokeAsync(environment, TestPlugins.Config("1.1.0"), Ct);

        AssertError(output, CniErrorCode.IncompatibleCniVersion, "plugin version does not allow GC");
    }

    [Theory]
    [InlineData("GC")]
    [InlineData("STATUS")]
    public async Task GC_and_STATUS_need_only_CNI_PATH(string command)
    {
        var missing = await TestPlugins.Recording().InvokeAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = command }, TestPlugins.Config("1.1.0"), Ct);
        CniRequest<HostTestConfig>? seen = null;
        var ok = await TestPlugins.Recording(r => seen = r).InvokeAsync(
            new Dictionary<string, string> { ["CNI_COMMAND"] = command, ["CNI_PATH"] = "/a:/b" }, TestPlugins.Config("1.1.0"), Ct);

        AssertError(missing, CniErrorCode.InvalidEnvironmentVariables, "required env variables [CNI_PATH] missing");
        Assert.Equal(new CniPluginOutput("", "", 0), ok);
        Assert.Equal(command == "GC" ? CniCommand.Gc : CniCommand.Status, seen!.Command);
        Assert.Equal(["/a", "/b"], seen.Path);
        Assert.Equal("", seen.ContainerId);
        Assert.Null(seen.NetNs);
    }

    [Fact]
    public async Task Handlers_not_registered_succeed_silently()
    {
        var builder = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig);
        var plugin = builder.Build();
        plugin.OnAdd((_, _) => Task.FromResult(new CniResult()));

        foreach (var command in new[] { "DEL", "CHECK" })
        {
            Assert.Equal(new CniPluginOutput("", "", 0), await plugin.InvokeAsync(TestPlugins.AddEnvironment(command), TestPlugins.Config(), Ct));
        }

        var status = new Dictionary<string, string> { ["CNI_COMMAND"] = "STATUS", ["CNI_PATH"] = "/x" };
        Assert.Equal(new CniPluginOutput("", "", 0), await plugin.InvokeAsync(status, TestPlugins.Config("1.1.0"), Ct));
    }

    [Fact]
    public async Task A_plugin_without_ADD_cannot_run()
    {
        var plugin = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig).Build();

        await Assert.ThrowsAsync<InvalidOperationException>(() => plugin.InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), Ct));
    }

    /// <summary>
    /// A reference plugin parses CNI_ARGS only when it calls LoadArgs, so one that never does runs with any;
    /// the host leaves the parse error to the handler that reads <see cref="CniRequest.Args"/>.
    /// </summary>
    [Fact]
    public async Task Malformed_CNI_ARGS_fail_only_a_handler_that_reads_them()
    {
        var environment = TestPlugins.AddEnvironment("DEL");
        environment["CNI_ARGS"] = "foo;;A=b=c";

        var ignoring = await TestPlugins.Recording().InvokeAsync(environment, TestPlugins.Config(), Ct);
        var reading = await TestPlugins.Recording(r => _ = r.Args.PodName).InvokeAsync(environment, TestPlugins.Config(), Ct);

        Assert.Equal(new CniPluginOutput("", "", 0), ignoring);
        Assert.Equal(1, reading.ExitCode);
        using var error = System.Text.Json.JsonDocument.Parse(reading.Stdout);
        Assert.Equal((999, "ARGS: invalid pair \"foo\""), (error.RootElement.GetProperty("code").GetInt32(), error.RootElement.GetProperty("msg").GetString()));
    }

    /// <summary>Only libcni's loader requires <c>type</c>; a reference plugin (skel) runs without it, and so does the host.</summary>
    [Fact]
    public async Task A_config_without_type_reaches_the_handler()
    {
        CniRequest<HostTestConfig>? seen = null;

        var output = await TestPlugins.Recording(r => seen = r).InvokeAsync(TestPlugins.AddEnvironment(), """{"cniVersion":"1.0.0","name":"cnit-net"}""", Ct);

        Assert.Equal(0, output.ExitCode);
        Assert.Equal("", seen!.Config.Type);
    }

    [Fact]
    public async Task The_request_carries_everything_the_runtime_gave()
    {
        CniRequest<HostTestConfig>? seen = null;
        var environment = TestPlugins.AddEnvironment();
        environment["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAME=web";
        environment["CNI_PATH"] = "/opt/cni/bin:/usr/lib/cni";
        var stdin = """{"cniVersion":"0.4.0","name":"cnit-net","type":"test","greeting":"hi"}""";

        var output = await TestPlugins.Recording(r => seen = r).InvokeAsync(environment, stdin, Ct);

        Assert.Equal(0, output.ExitCode);
        Assert.NotNull(seen);
        Assert.Equal(CniCommand.Add, seen.Command);
        Assert.Equal("cnit-ctr1", seen.ContainerId);
        Assert.Equal("/var/run/netns/cnit-does-not-exist", seen.NetNs);
        Assert.Equal("eth0", seen.IfName);
        Assert.Equal("web", seen.Args.PodName);
        Assert.Equal(["/opt/cni/bin", "/usr/lib/cni"], seen.Path);
        Assert.Equal("hi", seen.Config.Greeting);
        Assert.Equal("cnit-net", seen.Config.Name);
        Assert.Equal(CniVersion.V040, seen.Version);
        Assert.Equal(stdin, System.Text.Encoding.UTF8.GetString(seen.ConfigJson.Span));
        Assert.Null(seen.PrevResult);
    }

    [Theory]
    [InlineData("0.2.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public async Task ADD_result_is_written_in_the_config_version(string version)
    {
        var output = await TestPlugins.Recording().InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(version), Ct);

        var expected = new CniResult();
        expected.Interfaces.Add(new CniInterface { Name = "eth0", Sandbox = "/var/run/netns/cnit-does-not-exist" });
        expected.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("10.9.0.5/24"), Interface = 0 });
        Assert.Equal(0, output.ExitCode);
        Assert.Equal(expected.ToJson(CniVersion.Parse(version)), output.Stdout);
        Assert.Contains($"\"cniVersion\": \"{version}\"", output.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrevResult_is_read_in_the_config_version()
    {
        CniRequest<HostTestConfig>? seen = null;
        var stdin = """
            {"cniVersion":"0.4.0","name":"n","type":"t","prevResult":{"interfaces":[{"name":"eth0"}],"ips":[{"version":"4","interface":0,"address":"10.1.0.5/16"}]}}
            """;

        var output = await TestPlugins.Recording(r => seen = r).InvokeAsync(TestPlugins.AddEnvironment("CHECK"), stdin, Ct);

        Assert.Equal(new CniPluginOutput("", "", 0), output);
        Assert.Equal(IPCidr.Parse("10.1.0.5/16"), Assert.Single(seen!.PrevResult!.IPs).Address);
        Assert.Equal("eth0", Assert.Single(seen.PrevResult.Interfaces).Name);
    }

    [Theory]
    [InlineData("1.0.0", "0.4.0", "[1.0.0 1.1.0]")]
    [InlineData("1.1.0", "0.3.1", "[1.0.0 1.1.0]")]
    [InlineData("0.4.0", "1.0.0", "[0.3.0 0.3.1 0.4.0]")]
    [InlineData("0.4.0", "0.2.0", "[0.3.0 0.3.1 0.4.0]")]
    [InlineData("0.4.0", "9.9.9", "[0.3.0 0.3.1 0.4.0]")]
    public async Task PrevResult_labelled_with_another_result_type_is_refused(string configVersion, string label, string family)
    {
        var handlerRan = false;
        var stdin = $$$"""
            {"cniVersion":"{{{configVersion}}}","name":"n","type":"t","prevResult":{"cniVersion":"{{{label}}}","ips":[{"address":"10.1.0.5/16"}]}}
            """;

        var output = await TestPlugins.Recording(_ => handlerRan = true).InvokeAsync(TestPlugins.AddEnvironment("CHECK"), stdin, Ct);

        Assert.False(handlerRan);
        Assert.Equal(1, output.ExitCode);
        using var error = JsonDocument.Parse(output.Stdout);
        Assert.Equal(1, error.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(
            $"could not parse prevResult: result type supports {family} but unmarshalled CNIVersion is \"{label}\"",
            error.RootElement.GetProperty("msg").GetString());
    }

    [Theory]
    [InlineData("1.1.0", "1.0.0")]
    [InlineData("1.0.0", "1.1.0")]
    [InlineData("0.4.0", "0.3.0")]
    [InlineData("0.4.0", "")]
    public async Task PrevResult_labelled_with_a_version_of_the_same_result_type_is_read(string configVersion, string label)
    {
        CniRequest<HostTestConfig>? seen = null;
        var stdin = $$$"""
            {"cniVersion":"{{{configVersion}}}","name":"n","type":"t","prevResult":{"cniVersion":"{{{label}}}","ips":[{"version":"4","address":"10.1.0.5/16"}]}}
            """;

        var output = await TestPlugins.Recording(r => seen = r).InvokeAsync(TestPlugins.AddEnvironment("CHECK"), stdin, Ct);

        Assert.Equal(0, output.ExitCode);
        Assert.Equal(IPCidr.Parse("10.1.0.5/16"), Assert.Single(seen!.PrevResult!.IPs).Address);
    }

    [Fact]
    public async Task Services_registered_on_the_builder_reach_the_handler()
    {
        var builder = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig);
        builder.Services.AddSingleton(TimeProvider.System);
        var plugin = builder.Build();
        object? time = null;
        object? logger = null;
        plugin.OnAdd((request, _) =>
        {
            time = request.Services.GetService<TimeProvider>();
            logger = request.Services.GetService<ILogger<PluginHostTests>>();
            return Task.FromResult(new CniResult());
        });

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), Ct);

        Assert.Equal(0, output.ExitCode);
        Assert.Same(TimeProvider.System, time);
        Assert.NotNull(logger);
    }

    [Fact]
    public async Task Logs_go_to_stderr_from_warning_on_by_default()
    {
        var plugin = LoggingPlugin();

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment("DEL"), TestPlugins.Config(), Ct);

        Assert.Equal("", output.Stdout);
        Assert.DoesNotContain("quiet", output.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\S+Z warn plugin: loud\n$", output.Stderr);
    }

    [Fact]
    public async Task LogFile_and_logLevel_in_the_config_send_logs_to_a_file()
    {
        using var log = new TempFile("cnit-log", ".log");
        var path = log.Path;
        var stdin = $$"""{"cniVersion":"1.0.0","name":"n","type":"t","logFile":"{{path}}","logLevel":"debug"}""";

        var output = await LoggingPlugin().InvokeAsync(TestPlugins.AddEnvironment("DEL"), stdin, Ct);

        Assert.Equal(new CniPluginOutput("", "", 0), output);
        var lines = await File.ReadAllLinesAsync(path, Ct);
        Assert.Collection(lines, l => Assert.EndsWith("info plugin: quiet", l, StringComparison.Ordinal), l => Assert.EndsWith("warn plugin: loud", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_log_file_that_cannot_be_written_moves_the_log_to_stderr_and_the_command_still_succeeds()
    {
        // /dev/full opens but refuses every write (ENOSPC), as a full disk does.
        var stdin = """{"cniVersion":"1.0.0","name":"n","type":"t","logFile":"/dev/full","logLevel":"info"}""";

        var output = await LoggingPlugin().InvokeAsync(TestPlugins.AddEnvironment("DEL"), stdin, Ct);

        Assert.Equal("", output.Stdout);
        Assert.Equal(0, output.ExitCode);
        var lines = output.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Collection(
            lines,
            l => Assert.StartsWith("cannot write log file /dev/full: ", l, StringComparison.Ordinal),
            l => Assert.EndsWith("info plugin: quiet", l, StringComparison.Ordinal),
            l => Assert.EndsWith("warn plugin: loud", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_handler_failure_is_reported_even_when_the_log_file_cannot_be_written()
    {
        var builder = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig);
        var plugin = builder.Build();
        plugin.OnAdd((_, _) => throw new InvalidOperationException("broken handler"));
        var stdin = """{"cniVersion":"1.0.0","name":"n","type":"t","logFile":"/dev/full"}""";

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment(), stdin, Ct);

        Assert.Equal(1, output.ExitCode);
        Assert.Contains("\"msg\": \"broken handler\"", output.Stdout, StringComparison.Ordinal);
        Assert.Contains("cannot write log file /dev/full: ", output.Stderr, StringComparison.Ordinal);
        Assert.Contains("broken handler", output.Stderr[output.Stderr.IndexOf('\n', StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plugin_that_adds_its_own_logging_still_logs_into_the_configured_file()
    {
        using var log = new TempFile("cnit-log", ".log");
        var path = log.Path;
        var builder = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig);
        builder.Services.AddLogging();
        var plugin = builder.Build();
        plugin.OnAdd((_, _) => Task.FromResult(new CniResult()));
        plugin.OnDel((request, _) =>
        {
            var logger = request.Services.GetRequiredService<ILogger<PluginHostTests>>();
            HostTestLog.Quiet(logger);
            HostTestLog.Loud(logger);
            return Task.CompletedTask;
        });
        var line = await HostTestLog.SingleLineOfDelAsync(plugin, path, Ct);

        Assert.EndsWith($"warn {typeof(PluginHostTests).FullName}: loud", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_names_the_config_version()
    {
        var environment = TestPlugins.AddEnvironment();
        environment["CNI_IFNAME"] = "..";

        var output = await TestPlugins.Recording().InvokeAsync(environment, TestPlugins.Config("0.4.0"), Ct);

        Assert.Equal("{\n    \"cniVersion\": \"0.4.0\",\n    \"code\": 4,\n    \"msg\": \"interface name is . or ..\"\n}", output.Stdout);
    }

    [Fact]
    public async Task The_token_given_to_InvokeAsync_reaches_the_handler()
    {
        var builder = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig);
        var plugin = builder.Build();
        plugin.OnAdd(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new CniResult();
        });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), cancellation.Token);

        AssertError(output, CniErrorCode.Internal, "A task was canceled.");
    }

    private static CniPlugin<HostTestConfig> LoggingPlugin()
    {
        var plugin = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig).Build();
        plugin.OnAdd((_, _) => Task.FromResult(new CniResult()));
        plugin.OnDel((request, _) =>
        {
            HostTestLog.Quiet(request.Logger);
            HostTestLog.Loud(request.Logger);
            return Task.CompletedTask;
        });
        return plugin;
    }

    private static void AssertError(CniPluginOutput output, CniErrorCode code, string message)
    {
        Assert.Equal(1, output.ExitCode);
        var root = JsonDocument.Parse(output.Stdout).RootElement;
        Assert.Equal((uint)code, root.GetProperty("code").GetUInt32());
        Assert.Equal(message, root.GetProperty("msg").GetString());
    }
}
