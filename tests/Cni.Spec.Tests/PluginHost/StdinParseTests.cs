using Cni.Internal.Host;

namespace Cni.Tests.PluginHost;

/// <summary>
/// The host parses stdin once per run and hands that one document along: the header it validates
/// (name, cniVersion, log keys), the standard keys, the plugin's own keys, <c>ipam</c> and <c>prevResult</c>
/// all come from it.
/// </summary>
public sealed class StdinParseTests
{
    private const string Stdin = """
        {"cniVersion":"1.0.0","name":"n","type":"t","logLevel":"error","greeting":"hi","args":{"cni":{"ips":["10.9.0.7"]}},
         "ipam":{"type":"host-local","subnet":"10.9.0.0/24"},
         "prevResult":{"cniVersion":"1.0.0","interfaces":[{"name":"eth0"}],"ips":[{"address":"10.9.0.5/24","interface":0}]}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Read by hand: a plugin whose keys System.Text.Json reads has the serializer read stdin's bytes for them.
    [Theory]
    [InlineData("ADD")]
    [InlineData("CHECK")]
    [InlineData("DEL")]
    public async Task Stdin_is_parsed_once_per_run(string command)
    {
        var plugin = CniPlugin.CreateBuilder(json => new HostTestConfig { Greeting = new ConfigObject(json).GetString("greeting") }).Build();
        var before = StdinDocument.ParsesOnThisThread;
        var parses = -1;
        string? ipamType = null;
        int? prevResultAddresses = null;
        Task Seen(CniRequest<HostTestConfig> request)
        {
            // The handler runs on the thread that started the run, before any await.
            parses = StdinDocument.ParsesOnThisThread - before;
            ipamType = request.Config.Ipam?.Type;
            prevResultAddresses = request.PrevResult?.IPs.Count;
            return Task.CompletedTask;
        }

        plugin.OnAdd(async (request, _) =>
        {
            await Seen(request);
            return new CniResult();
        });
        plugin.OnCheck((request, _) => Seen(request));
        plugin.OnDel((request, _) => Seen(request));

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment(command), Stdin, Ct);

        Assert.Equal(0, output.ExitCode);
        Assert.Equal(1, parses);
        Assert.Equal("host-local", ipamType);
        Assert.Equal(1, prevResultAddresses);
    }
}
