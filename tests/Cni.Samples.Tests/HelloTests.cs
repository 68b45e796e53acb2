using System.Text.Json;
using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>The published NativeAOT hello plugin, end to end.</summary>
public sealed class HelloTests
{
    private const string Config = """{"cniVersion":"1.1.0","name":"cnit-demo","type":"hello","address":"10.22.0.5/24","gateway":"10.22.0.1"}""";

    [Fact]
    public async Task VERSION()
    {
        var output = await HelloPlugin.RunAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "");

        Assert.Equal(new CniPluginOutput("{\"cniVersion\":\"1.1.0\",\"supportedVersions\":[\"0.1.0\",\"0.2.0\",\"0.3.0\",\"0.3.1\",\"0.4.0\",\"1.0.0\",\"1.1.0\"]}\n", "", 0), output);
    }

    [Fact]
    public async Task Without_a_command_it_describes_itself()
    {
        var output = await HelloPlugin.RunAsync(new Dictionary<string, string>(), "");

        Assert.Equal(new CniPluginOutput("", "CNI hello plugin version 1.0.0\nCNI protocol versions supported: 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0\n", 0), output);
    }

    [Fact]
    public async Task ADD_reports_the_address_on_the_interface()
    {
        var output = await HelloPlugin.RunAsync(HelloPlugin.Environment("ADD"), Config);

        Assert.Equal(0, output.ExitCode);
        Assert.Equal("", output.Stderr);
        var result = CniResult.Parse(System.Text.Encoding.UTF8.GetBytes(output.Stdout));
        var iface = Assert.Single(result.Interfaces);
        Assert.Equal(("eth0", "/var/run/netns/cnit-hello"), (iface.Name, iface.Sandbox));
        var ip = Assert.Single(result.IPs);
        Assert.Equal(IPCidr.Parse("10.22.0.5/24"), ip.Address);
        Assert.Equal("10.22.0.1", ip.Gateway?.ToString());
        Assert.Equal(0, ip.Interface);
    }

    [Fact]
    public async Task ADD_answers_in_the_config_version()
    {
        var output = await HelloPlugin.RunAsync(HelloPlugin.Environment("ADD"), Config.Replace("1.1.0", "0.2.0", StringComparison.Ordinal));

        Assert.Equal(0, output.ExitCode);
        Assert.Equal("{\n    \"cniVersion\": \"0.2.0\",\n    \"ip4\": {\n        \"ip\": \"10.22.0.5/24\",\n        \"gateway\": \"10.22.0.1\"\n    },\n    \"dns\": {}\n}", output.Stdout);
    }

    [Fact]
    public async Task ADD_without_an_address_is_an_invalid_config()
    {
        var output = await HelloPlugin.RunAsync(HelloPlugin.Environment("ADD"), """{"cniVersion":"1.0.0","name":"cnit-demo","type":"hello"}""");

        Assert.Equal(1, output.ExitCode);
        Assert.Equal(7u, JsonDocument.Parse(output.Stdout).RootElement.GetProperty("code").GetUInt32());
    }

    [Fact]
    public async Task CHECK_passes_on_its_own_ADD_result_and_fails_on_another_interface()
    {
        var add = await HelloPlugin.RunAsync(HelloPlugin.Environment("ADD"), Config);
        var withPrev = Config.TrimEnd('}') + ",\"prevResult\":" + add.Stdout + "}";

        var check = await HelloPlugin.RunAsync(HelloPlugin.Environment("CHECK"), withPrev);
        var otherInterface = HelloPlugin.Environment("CHECK");
        otherInterface["CNI_IFNAME"] = "eth1";
        var mismatch = await HelloPlugin.RunAsync(otherInterface, withPrev);

        Assert.Equal(new CniPluginOutput("", "", 0), check);
        Assert.Equal(1, mismatch.ExitCode);
        Assert.Equal("hello: prevResult has no address 10.22.0.5/24 on eth1", JsonDocument.Parse(mismatch.Stdout).RootElement.GetProperty("msg").GetString());
    }

    [Theory]
    [InlineData("DEL")]
    [InlineData("GC")]
    [InlineData("STATUS")]
    public async Task DEL_GC_and_STATUS_succeed(string command)
    {
        var output = await HelloPlugin.RunAsync(HelloPlugin.Environment(command), Config);

        Assert.Equal(new CniPluginOutput("", "", 0), output);
    }

    [Fact]
    public async Task Its_own_network_namespace_is_refused()
    {
        var environment = HelloPlugin.Environment("ADD");
        environment["CNI_NETNS"] = "/proc/self/ns/net";

        var output = await HelloPlugin.RunAsync(environment, Config);

        Assert.Equal(1, output.ExitCode);
        Assert.Equal(8u, JsonDocument.Parse(output.Stdout).RootElement.GetProperty("code").GetUInt32());
    }

    [Fact]
    public async Task A_validation_error_is_one_document_on_stdout()
    {
        var environment = HelloPlugin.Environment("ADD");
        environment["CNI_IFNAME"] = "eth0:1";

        var output = await HelloPlugin.RunAsync(environment, Config);

        Assert.Equal(new CniPluginOutput("{\n    \"cniVersion\": \"1.1.0\",\n    \"code\": 4,\n    \"msg\": \"interface name contains / or : or whitespace characters\"\n}", "", 1), output);
    }

    /// <summary>
    /// A plugin that never reads CNI_ARGS runs with malformed ones, as Debian's loopback (which never calls
    /// LoadArgs) does: DEL of both succeeds with no output.
    /// </summary>
    [Fact]
    public async Task DEL_ignores_malformed_CNI_ARGS_as_a_reference_plugin_that_never_reads_them()
    {
        var loopback = Requires.Executable("/usr/lib/cni/loopback");
        var environment = HelloPlugin.Environment("DEL");
        environment["CNI_ARGS"] = "foo;;A=b=c";
        environment.Remove("CNI_NETNS");

        var (referenceStdout, _, referenceExit) = await PluginProcess.RunAsync(loopback, environment, """{"cniVersion":"1.0.0","name":"cnit-args","type":"loopback"}""");
        var ours = await HelloPlugin.RunAsync(environment, """{"cniVersion":"1.0.0","name":"cnit-args","type":"hello"}""");

        Assert.Equal(("", 0), (referenceStdout, referenceExit));
        Assert.Equal(("", 0), (ours.Stdout, ours.ExitCode));
    }
}
