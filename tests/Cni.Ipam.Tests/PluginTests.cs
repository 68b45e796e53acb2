using Microsoft.Extensions.DependencyInjection;

namespace Cni.Ipam.Tests;

/// <summary>The library inside a plugin host, in-process: what the host-local sample does, over the memory store.</summary>
public sealed class PluginTests
{
    private const string Config = """{"cniVersion":"1.1.0","name":"net1","type":"host-local","ipam":{"type":"host-local","subnet":"10.0.0.0/24"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GC_reads_cni_dev_attachments_when_valid_attachments_is_absent()
    {
        var plugin = Plugin();
        Assert.Equal(0, (await plugin.InvokeAsync(Environment("ADD", "c1"), Config + "}", Ct)).ExitCode);
        Assert.Equal(0, (await plugin.InvokeAsync(Environment("ADD", "c2"), Config + "}", Ct)).ExitCode);

        var gc = await plugin.InvokeAsync(
            new Dictionary<string, string> { ["CNI_COMMAND"] = "GC", ["CNI_PATH"] = "/opt/cni/bin" },
            Config + ""","cni.dev/attachments":[{"containerID":"c1","ifname":"eth0"}]}""",
            Ct);
        Assert.Equal(0, gc.ExitCode);
        var kept = await plugin.InvokeAsync(Environment("CHECK", "c1"), Config + ""","prevResult":{"cniVersion":"1.1.0"}}""", Ct);
        Assert.True(kept.ExitCode == 0, kept.Stdout);
        var check = await plugin.InvokeAsync(Environment("CHECK", "c2"), Config + ""","prevResult":{"cniVersion":"1.1.0"}}""", Ct);
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("Failed to find address added by container c2", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_context_can_hold_the_ipam_type()
    {
        var config = NetworkConfig.Parse(
            """{"cniVersion":"1.1.0","name":"n","type":"x","ipamDefaults":{"type":"host-local","ranges":[[{"subnet":"10.1.0.0/16"}]]}}"""u8,
            PluginJson.Default.PluginConfigWithIpamDefaults);
        Assert.Equal("10.1.0.0/16", config.IpamDefaults!.Ranges![0][0].Subnet);
    }

    private static CniPlugin<NetworkConfig> Plugin()
    {
        var builder = CniPlugin.CreateBuilder(() => PluginJson.Default.NetworkConfig);
        // One store for every invocation, as the disk is for separate processes (the host builds services per run).
        builder.Services.AddSingleton<IIpamStore>(new IpamMemoryStore()).AddHostLocalIpam();
        var plugin = builder.Build();
        plugin.OnAdd((request, ct) => Allocator(request).AddAsync(IpamConfiguration.Load(request), request.ContainerId, request.IfName, ct));
        plugin.OnCheck((request, ct) => Allocator(request).CheckAsync(IpamConfiguration.Load(request), request.ContainerId, request.IfName, ct));
        plugin.OnGc((request, ct) => Allocator(request).CollectGarbageAsync(IpamConfiguration.Load(request), IpamAttachments.From(request) ?? [], ct));
        return plugin;
    }

    private static IpamAllocator Allocator(CniRequest<NetworkConfig> request) => request.Services.GetRequiredService<IpamAllocator>();

    private static Dictionary<string, string> Environment(string command, string containerId) => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = containerId,
        ["CNI_NETNS"] = "/var/run/netns/cnit-none",
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/opt/cni/bin",
    };
}
