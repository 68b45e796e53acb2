using System.Net;
using System.Text;
using Cni.Testing;

namespace Cni.Tests.Invoke;

/// <summary>
/// Delegation as a plugin does it: the request's CNI_* variables come from the invoker's
/// environment (set through the options here, so the test process's own environment is untouched).
/// </summary>
public sealed class DelegateTests : IDisposable
{
    private readonly PluginFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private CniPluginInvoker InvokerAsPlugin(string command, string cniPath) => Quiet.Invoker(o =>
    {
        o.Environment["CNI_COMMAND"] = command;
        o.Environment["CNI_CONTAINERID"] = "cnit-ctr-1";
        o.Environment["CNI_NETNS"] = "/var/run/netns/cnit-ns";
        o.Environment["CNI_IFNAME"] = "eth3";
        o.Environment["CNI_ARGS"] = "IgnoreUnknown=1";
        o.Environment["CNI_PATH"] = cniPath;
        o.Environment["CNIT_OUT"] = Path.Join(_folder.Path, "out");
    });

    [Theory]
    [InlineData("CHECK")]
    [InlineData("DEL")]
    [InlineData("GC")]
    [InlineData("STATUS")]
    public async Task Only_CNI_COMMAND_is_replaced_and_the_config_is_passed_on(string command)
    {
        var empty = _folder.Folder("empty");
        var bin = _folder.Folder("bin");
        _folder.Script("bin/ipam", "env > \"$CNIT_OUT.env\"; cat > \"$CNIT_OUT.stdin\"");
        var invoker = InvokerAsPlugin("ADD", $"{empty}:{bin}");
        var config = "{\"cniVersion\":\"1.1.0\",\"name\":\"n\",\"ipam\":{\"type\":\"ipam\"}}"u8.ToArray();

        var run = command switch
        {
            "CHECK" => invoker.DelegateCheckAsync("ipam", config, Token),
            "DEL" => invoker.DelegateDelAsync("ipam", config, Token),
            "GC" => invoker.DelegateGcAsync("ipam", config, Token),
            _ => invoker.DelegateStatusAsync("ipam", config, Token),
        };
        await run;

        var env = ExecTests.ParseEnv(File.ReadAllBytes(Path.Join(_folder.Path, "out.env")));
        Assert.Equal(command, env["CNI_COMMAND"]);
        Assert.Equal("cnit-ctr-1", env["CNI_CONTAINERID"]);
        Assert.Equal("/var/run/netns/cnit-ns", env["CNI_NETNS"]);
        Assert.Equal("eth3", env["CNI_IFNAME"]);
        Assert.Equal("IgnoreUnknown=1", env["CNI_ARGS"]);
        Assert.Equal($"{empty}:{bin}", env["CNI_PATH"]);
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), env["PATH"]);
        Assert.Equal(config, File.ReadAllBytes(Path.Join(_folder.Path, "out.stdin")));
    }

    [Fact]
    public async Task A_failing_delegate_passes_its_error_on()
    {
        _folder.Script("ipam", "echo '{\"code\":11,\"msg\":\"busy\",\"details\":\"lock held\"}'; exit 1");

        var error = await Assert.ThrowsAsync<CniException>(
            () => InvokerAsPlugin("DEL", _folder.Path).DelegateDelAsync("ipam", "{}"u8.ToArray(), Token));

        Assert.Equal(CniErrorCode.TryAgainLater, error.Code);
        Assert.Equal("busy", error.Message);
        Assert.Equal("lock held", error.Details);
    }

    [Fact]
    public async Task A_delegate_missing_from_CNI_PATH_is_reported_with_the_folders()
    {
        var a = _folder.Folder("a");
        var b = _folder.Folder("b");

        var error = await Assert.ThrowsAsync<CniException>(
            () => InvokerAsPlugin("ADD", $"{a}:{b}").DelegateAddAsync("host-local", "{}"u8.ToArray(), Token));

        Assert.Equal($"failed to find plugin \"host-local\" in path [{a} {b}]", error.Message);
    }

    [Fact]
    public async Task An_empty_CNI_PATH_has_no_folders()
    {
        var error = await Assert.ThrowsAsync<CniException>(
            () => InvokerAsPlugin("DEL", "").DelegateDelAsync("host-local", "{}"u8.ToArray(), Token));

        Assert.Equal("no paths provided", error.Message);
    }

    [Fact]
    public async Task ADD_reads_the_result_in_the_version_it_states()
    {
        _folder.Script("ipam", """
            cat <<'END'
            {"cniVersion":"0.3.1","ips":[{"version":"4","address":"10.1.2.3/24","gateway":"10.1.2.1"}],"dns":{}}
            END
            """);

        var result = await InvokerAsPlugin("ADD", _folder.Path).DelegateAddAsync("ipam", "{\"cniVersion\":\"1.0.0\"}"u8.ToArray(), Token);

        var ip = Assert.Single(result.IPs);
        Assert.Equal(IPCidr.Parse("10.1.2.3/24"), ip.Address);
        Assert.Equal(IPAddress.Parse("10.1.2.1"), ip.Gateway);
    }

    [Fact]
    public async Task ADD_reads_a_result_without_a_version_in_the_configs_version()
    {
        // Without cniVersion the 0.2.0 shape (ip4) would be assumed; the config says 0.4.0, so "ips" is read.
        _folder.Script("ipam", "echo '{\"ips\":[{\"version\":\"4\",\"address\":\"10.9.0.7/16\"}]}'");

        var result = await InvokerAsPlugin("ADD", _folder.Path).DelegateAddAsync("ipam", "{\"cniVersion\":\"0.4.0\"}"u8.ToArray(), Token);

        Assert.Equal(IPCidr.Parse("10.9.0.7/16"), Assert.Single(result.IPs).Address);
    }

    [Theory]
    [InlineData("{\"cniVersion\":\"abc\"}", "{\"cniVersion\":\"1.0.0\"}", "abc")]
    [InlineData("{}", "{\"cniVersion\":\"x.y\"}", "x.y")]
    public async Task ADD_with_a_result_version_that_is_not_a_version_is_code_1(string result, string config, string version)
    {
        _folder.Script("ipam", $"cat <<'END'\n{result}\nEND");

        var error = await Assert.ThrowsAsync<CniException>(
            () => InvokerAsPlugin("ADD", _folder.Path).DelegateAddAsync("ipam", Encoding.UTF8.GetBytes(config), Token));

        Assert.Equal(CniErrorCode.IncompatibleCniVersion, error.Code);
        Assert.Equal($"unsupported CNI result version \"{version}\"", error.Message);
    }

    [Fact]
    public async Task ADD_with_a_result_that_is_not_JSON_is_a_decoding_failure()
    {
        _folder.Script("ipam", "echo 'allocated!'");

        var error = await Assert.ThrowsAsync<CniException>(
            () => InvokerAsPlugin("ADD", _folder.Path).DelegateAddAsync("ipam", "{\"cniVersion\":\"1.0.0\"}"u8.ToArray(), Token));

        Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
        Assert.StartsWith("failed to unmarshal raw result: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_host_local_allocates_on_ADD_and_releases_on_DEL()
    {
        var hostLocal = Requires.Executable("/usr/lib/cni/host-local");
        var dataDir = _folder.Folder("ipam-data");
        var config = Encoding.UTF8.GetBytes($$"""
            {
              "cniVersion": "1.0.0",
              "name": "cnit-net",
              "type": "bridge",
              "ipam": {
                "type": "host-local",
                "dataDir": "{{dataDir}}",
                "ranges": [[{ "subnet": "10.99.7.0/24", "gateway": "10.99.7.1" }]],
                "routes": [{ "dst": "0.0.0.0/0" }]
              }
            }
            """);
        var cniPath = $"{_folder.Folder("empty")}:{Path.GetDirectoryName(hostLocal)}";
        var lease = Path.Join(dataDir, "cnit-net", "10.99.7.2");

        var result = await InvokerAsPlugin("ADD", cniPath).DelegateAddAsync("host-local", config, Token);

        var ip = Assert.Single(result.IPs);
        Assert.Equal(IPCidr.Parse("10.99.7.2/24"), ip.Address);
        Assert.Equal(IPAddress.Parse("10.99.7.1"), ip.Gateway);
        Assert.Equal(IPCidr.Parse("0.0.0.0/0"), Assert.Single(result.Routes).Destination);
        Assert.StartsWith("cnit-ctr-1", File.ReadAllText(lease), StringComparison.Ordinal);

        await InvokerAsPlugin("CHECK", cniPath).DelegateCheckAsync("host-local", config, Token);

        await InvokerAsPlugin("DEL", cniPath).DelegateDelAsync("host-local", config, Token);

        Assert.False(File.Exists(lease), "DEL must release the address");
        var error = await Assert.ThrowsAsync<CniException>(
            () => InvokerAsPlugin("CHECK", cniPath).DelegateCheckAsync("host-local", config, Token));
        Assert.Contains("cnit-ctr-1", error.Message, StringComparison.Ordinal);
    }
}
