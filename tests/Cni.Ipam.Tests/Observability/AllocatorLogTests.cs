using Cni.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cni.Ipam.Tests.Observability;

/// <summary>
/// What the allocator logs (addresses allocated and released at information, rollbacks with their reason at
/// warning, store round trips at debug), and that inside a plugin host its lines reach the host's sink.
/// </summary>
[Collection(nameof(IpamObservabilityTests))]
public sealed class AllocatorLogTests
{
    private const string Rolled = "failed to allocate for range 1: no IP addresses available in range set: 10.1.0.1-10.1.0.2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Allocated_and_released_addresses_are_information_and_a_rollback_a_warning_with_its_reason()
    {
        var log = new LogRecorder(LogLevel.Information);
        var allocator = new IpamAllocator(new IpamMemoryStore(), log.For<IpamAllocator>());
        var config = AllocatorSpanTests.TwoSets();

        await allocator.AddAsync(config, "ctr0", "eth0", Ct);
        await Assert.ThrowsAsync<CniException>(() => allocator.AddAsync(config, "ctr1", "eth0", Ct));
        await allocator.DeleteAsync(config, "ctr0", "eth0", Ct);
        await allocator.AddAsync(config, "ctr2", "eth1", Ct);
        await allocator.CollectGarbageAsync(config, [], Ct);

        Assert.Equal(
            [
                "Information Allocated 10.0.0.2/29 to ctr0/eth0 on network net1",
                "Information Allocated 10.1.0.2/30 to ctr0/eth0 on network net1",
                $"Warning Released 10.0.0.3 again, reserved for ctr1/eth0 on network net1, because the ADD failed: {Rolled}",
                "Information DEL released 10.0.0.2 held by ctr0/eth0 on network net1",
                "Information DEL released 10.1.0.2 held by ctr0/eth0 on network net1",
                "Information Allocated 10.0.0.4/29 to ctr2/eth1 on network net1",
                "Information Allocated 10.1.0.2/30 to ctr2/eth1 on network net1",
            ],
            log.Lines.Take(7).Select(l => $"{l.Level} {l.Message}"));

        // GC lists the store in no particular order.
        Assert.Equal(
            [
                "Information GC released 10.0.0.4 held by ctr2/eth1 on network net1",
                "Information GC released 10.1.0.2 held by ctr2/eth1 on network net1",
            ],
            log.Lines.Skip(7).Select(l => $"{l.Level} {l.Message}").Order(StringComparer.Ordinal));
        Assert.All(log.Lines, l => Assert.Equal(typeof(IpamAllocator).FullName, l.Category));
    }

    [Fact]
    public async Task Store_round_trips_are_debug_lines_with_what_they_did_and_how_long_it_took()
    {
        var log = new LogRecorder(LogLevel.Debug);
        using var dir = new TempDir();
        var allocator = new IpamAllocator(new IpamFileStore(), log.For<IpamAllocator>());

        await allocator.AddAsync(Ipam.Subnet("10.0.0.0/29", dir.Path), "ctr1", "eth0", Ct);

        var debug = log.Lines.Where(l => l.Level == LogLevel.Debug).Select(l => l.Message).ToList();
        Assert.Collection(
            debug,
            l => Assert.Matches(@"^file store open in \d+(\.\d+)? ms$", l),
            l => Assert.Matches(@"^file store find_owner in \d+(\.\d+)? ms$", l),
            l => Assert.Matches(@"^file store last_reserved \(range set 0\) in \d+(\.\d+)? ms$", l),
            l => Assert.Matches(@"^file store reserve 10\.0\.0\.2 \(range set 0\): reserved in \d+(\.\d+)? ms$", l),
            l => Assert.Matches(@"^file store close in \d+(\.\d+)? ms$", l));
    }

    [Fact]
    public async Task In_a_plugin_host_the_lines_reach_the_configured_log_file_at_its_level()
    {
        using var log = new TempFile("cnit-ipam-log", ".log");
        var path = log.Path;
        var plugin = HostLocal();
        var config = $$$"""{"cniVersion":"1.1.0","name":"net1","type":"host-local","logFile":"{{{path}}}","logLevel":"debug","ipam":{"type":"host-local","subnet":"10.0.0.0/24"}}""";

        var add = await plugin.InvokeAsync(Environment("ADD"), config, Ct);
        var del = await plugin.InvokeAsync(Environment("DEL"), config, Ct);

        Assert.Equal((0, ""), (add.ExitCode, add.Stderr));
        Assert.Equal(new CniPluginOutput("", "", 0), del);
        var lines = await File.ReadAllLinesAsync(path, Ct);
        Assert.Contains(lines, l => l.EndsWith("info Cni.Ipam.IpamAllocator: Allocated 10.0.0.2/24 to ctr1/eth0 on network net1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("info Cni.Ipam.IpamAllocator: DEL released 10.0.0.2 held by ctr1/eth0 on network net1", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"debug Cni\.Ipam\.IpamAllocator: memory store reserve 10\.0\.0\.2 \(range set 0\): reserved in [\d.]+ ms$"));
    }

    [Fact]
    public async Task On_stderr_by_default_only_warnings_show_a_rollback_but_not_an_allocation()
    {
        var plugin = HostLocal();
        var config = """{"cniVersion":"1.1.0","name":"net1","type":"host-local","ipam":{"type":"host-local","ranges":[[{"subnet":"10.0.0.0/29"}],[{"subnet":"10.1.0.0/30"}]]}}""";

        var first = await plugin.InvokeAsync(Environment("ADD", "ctr0"), config, Ct);
        var rolledBack = await plugin.InvokeAsync(Environment("ADD", "ctr1"), config, Ct);

        Assert.Equal((0, ""), (first.ExitCode, first.Stderr));
        Assert.Equal(1, rolledBack.ExitCode);
        Assert.Matches(
            $@"^\S+Z warn Cni\.Ipam\.IpamAllocator: Released 10\.0\.0\.3 again, reserved for ctr1/eth0 on network net1, because the ADD failed: {System.Text.RegularExpressions.Regex.Escape(Rolled)}\n$",
            rolledBack.Stderr);
    }

    [Fact]
    public async Task Services_with_logging_give_the_allocator_their_logger()
    {
        var log = new LogRecorder(LogLevel.Information);
        await using var services = new ServiceCollection()
            .AddSingleton(log.For<IpamAllocator>())
            .AddIpamMemoryStore()
            .AddIpamAllocator()
            .BuildServiceProvider();

        await services.GetRequiredService<IpamAllocator>().AddAsync(Ipam.Subnet("10.0.0.0/29"), "ctr1", "eth0", Ct);

        Assert.Equal("Allocated 10.0.0.2/29 to ctr1/eth0 on network net1", Assert.Single(log.Lines).Message);
    }

    // host-local in-process over one memory store, as the sample is over the disk.
    private static CniPlugin<NetworkConfig> HostLocal()
    {
        var builder = CniPlugin.CreateBuilder(() => PluginJson.Default.NetworkConfig);
        builder.Services.AddSingleton<IIpamStore>(new IpamMemoryStore()).AddHostLocalIpam();
        var plugin = builder.Build();
        plugin.OnAdd((request, ct) => request.Services.GetRequiredService<IpamAllocator>().AddAsync(IpamConfiguration.Load(request), request.ContainerId, request.IfName, ct));
        plugin.OnDel((request, ct) => request.Services.GetRequiredService<IpamAllocator>().DeleteAsync(IpamConfiguration.Load(request), request.ContainerId, request.IfName, ct));
        return plugin;
    }

    private static Dictionary<string, string> Environment(string command, string containerId = "ctr1") => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = containerId,
        ["CNI_NETNS"] = "/var/run/netns/cnit-none",
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/opt/cni/bin",
    };
}
