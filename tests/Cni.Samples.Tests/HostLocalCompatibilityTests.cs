using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>
/// Our host-local against Debian's /usr/lib/cni/host-local (containernetworking-plugins 1.1.1): the same
/// results and errors for the same inputs, and both working on one data directory, each seeing and
/// respecting the other's allocations.
/// </summary>
public sealed class HostLocalCompatibilityTests
{
    private const string ResolvConf = "nameserver 10.1.0.53\nnameserver fd00::53\ndomain cluster.local\nsearch svc.cluster.local cluster.local\noptions ndots:5 timeout:2\n";

    /// <summary>The reference speaks 0.1.0 to 1.0.0 (libcni 1.1.2); ours also 1.1.0, compared separately.</summary>
    private static readonly string[] ReferenceVersions = ["0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0"];

    /// <summary>
    /// Named cases: the ipam keys, top-level keys (runtimeConfig, args), then the ADDs to run in order
    /// (container ID, interface, CNI_ARGS).
    /// </summary>
    private static readonly Dictionary<string, (string Ipam, string TopLevel, (string Id, string IfName, string Args)[] Adds)> Cases = new()
    {
        ["ipv4 with routes and dns"] = (
            "'subnet':'10.1.0.0/24','routes':[{'dst':'0.0.0.0/0'},{'dst':'192.168.0.0/16','gw':'10.1.0.254'}],'resolvConf':'{resolv}'",
            "",
            [("c1", "eth0", ""), ("c2", "eth0", ""), ("c1", "eth1", "")]),
        ["dual stack, gateway set"] = (
            "'ranges':[[{'subnet':'fd00:1::/64'}],[{'subnet':'10.5.0.0/24','gateway':'10.5.0.254'}]],'routes':[{'dst':'::/0'},{'dst':'0.0.0.0/0'}]",
            "",
            [("c1", "eth0", ""), ("c2", "eth0", "")]),
        ["ipv6 only"] = (
            "'subnet':'fd00:2::/120','rangeStart':'fd00:2::10','routes':[{'dst':'::/0','gw':'fd00:2::1'}]",
            "",
            [("c1", "eth0", ""), ("c2", "eth0", "")]),
        ["range start and end, to exhaustion"] = (
            "'subnet':'10.2.0.0/24','rangeStart':'10.2.0.100','rangeEnd':'10.2.0.102','gateway':'10.2.0.101'",
            "",
            [("c1", "eth0", ""), ("c2", "eth0", ""), ("c3", "eth0", "")]),
        ["two ranges in one set"] = (
            "'ranges':[[{'subnet':'10.3.0.0/30'},{'subnet':'10.3.1.0/29','rangeStart':'10.3.1.4'}]]",
            "",
            [("c1", "eth0", ""), ("c2", "eth0", ""), ("c3", "eth0", ""), ("c4", "eth0", "")]),
        ["requested address, then round robin"] = (
            "'subnet':'10.4.0.0/29'",
            "",
            [("c1", "eth0", ""), ("c2", "eth0", "IP=10.4.0.5"), ("c3", "eth0", "IP=10.4.0.5"), ("c3", "eth0", "IP=10.4.0.1"), ("c3", "eth0", "IP=10.9.0.1"), ("c4", "eth0", ""), ("c5", "eth0", ""), ("c6", "eth0", ""), ("c7", "eth0", "")]),
        ["duplicate container and interface"] = (
            "'subnet':'10.6.0.0/24'",
            "",
            [("c1", "eth0", ""), ("c1", "eth0", ""), ("c1", "eth0", "IP=10.6.0.9")]),
        ["gateway outside the subnet"] = (
            "'subnet':'10.15.0.0/24','gateway':'10.16.0.1'",
            "",
            [("c1", "eth0", ""), ("c2", "eth0", "")]),
        ["runtimeConfig ipRanges before the configured ranges"] = (
            "'subnet':'10.31.0.0/24'",
            "'runtimeConfig':{'ipRanges':[[{'subnet':'10.30.0.0/24'}]]}",
            [("c1", "eth0", ""), ("c2", "eth0", "")]),
        ["runtimeConfig ips"] = (
            "'subnet':'10.32.0.0/24'",
            "'runtimeConfig':{'ips':['10.32.0.9/24']}",
            [("c1", "eth0", ""), ("c1", "eth1", "")]),
        ["args cni ips"] = (
            "'subnet':'10.33.0.0/24'",
            "'args':{'cni':{'ips':['10.33.0.10']}}",
            [("c1", "eth0", ""), ("c2", "eth0", "")]),
        ["unknown CNI_ARGS"] = (
            "'subnet':'10.7.0.0/24'",
            "",
            [("c1", "eth0", "FOO=bar"), ("c2", "eth0", "FOO=bar;IgnoreUnknown=1"), ("c3", "eth0", "IP=10.7.0.300")]),
    };

    public static TheoryData<string, string> CasesInEveryVersion()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Cases.Keys)
        {
            foreach (var version in ReferenceVersions)
            {
                data.Add(name, version);
            }
        }

        return data;
    }

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CasesInEveryVersion))]
    public async Task ADD_results_and_errors_equal_the_reference(string name, string version)
    {
        var (ipam, topLevel, adds) = Cases[name];
        using var ours = new HostLocalDataDir();
        using var reference = new HostLocalDataDir();

        for (var i = 0; i < adds.Length; i++)
        {
            var (id, ifName, args) = adds[i];
            var expected = await HostLocalPlugin.RunAsync(HostLocalPlugin.Reference, "ADD", ConfigFor(reference, ipam, topLevel, version), id, ifName, args);
            var actual = await HostLocalPlugin.RunAsync(HostLocalPlugin.Ours, "ADD", ConfigFor(ours, ipam, topLevel, version), id, ifName, args);

            AssertSameOutcome(expected, actual, $"ADD #{i} ({id}/{ifName} {args})");
        }

        Assert.Equal(reference.Allocations(), ours.Allocations());
        Assert.Equal(reference.Files(), ours.Files());
        Assert.Equal(reference.LastReserved(0), ours.LastReserved(0));
        Assert.Equal(reference.LastReserved(1), ours.LastReserved(1));
    }

    /// <summary>1.1.0, which the reference does not speak: ours answers what the reference answers in 1.0.0, relabelled.</summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task ADD_in_1_1_0_gives_the_reference_1_0_0_result(string name)
    {
        var (ipam, topLevel, adds) = Cases[name];
        using var ours = new HostLocalDataDir();
        using var reference = new HostLocalDataDir();

        foreach (var (id, ifName, args) in adds)
        {
            var expected = await HostLocalPlugin.RunAsync(HostLocalPlugin.Reference, "ADD", ConfigFor(reference, ipam, topLevel, "1.0.0"), id, ifName, args);
            var actual = await HostLocalPlugin.RunAsync(HostLocalPlugin.Ours, "ADD", ConfigFor(ours, ipam, topLevel, "1.1.0"), id, ifName, args);

            Assert.Equal(expected.ExitCode, actual.ExitCode);
            if (expected.ExitCode == 0)
            {
                var result = CniResult.Parse(System.Text.Encoding.UTF8.GetBytes(actual.Stdout), CniVersion.V110);
                Assert.Equal(expected.Stdout, result.ToJson(CniVersion.V100));
            }
            else
            {
                AssertSameOutcome(expected, actual, $"ADD {id}/{ifName} {args}");
            }
        }

        Assert.Equal(reference.Allocations(), ours.Allocations());
    }

    [Theory]
    [InlineData("no ipam key", null)]
    [InlineData("no subnet", "")]
    [InlineData("empty ranges", "'ranges':[]")]
    [InlineData("empty range set", "'ranges':[[]]")]
    [InlineData("/32", "'subnet':'10.1.0.5/32'")]
    [InlineData("/31", "'subnet':'10.1.0.4/31'")]
    [InlineData("ipv6 /128", "'subnet':'fd00::1/128'")]
    [InlineData("host bits", "'subnet':'10.1.0.5/24'")]
    [InlineData("not a CIDR", "'subnet':'bogus'")]
    [InlineData("rangeStart not an address", "'subnet':'10.1.0.0/24','rangeStart':'bogus'")]
    [InlineData("rangeStart outside the subnet", "'subnet':'10.1.0.0/24','rangeStart':'10.2.0.5'")]
    [InlineData("rangeEnd outside the subnet", "'subnet':'10.1.0.0/24','rangeEnd':'10.2.0.5'")]
    [InlineData("rangeStart after rangeEnd", "'subnet':'10.1.0.0/24','rangeStart':'10.1.0.50','rangeEnd':'10.1.0.10'")]
    [InlineData("overlapping range sets", "'ranges':[[{'subnet':'10.1.0.0/24'}],[{'subnet':'10.1.0.0/16'}]]")]
    [InlineData("overlapping ranges in a set", "'ranges':[[{'subnet':'10.1.0.0/24'},{'subnet':'10.1.0.0/25'}]]")]
    [InlineData("mixed families in a set", "'ranges':[[{'subnet':'10.1.0.0/24'},{'subnet':'fd00::/64'}]]")]
    [InlineData("bad resolvConf path", "'subnet':'10.1.0.0/24','resolvConf':'/nonexistent/cnit-resolv.conf'")]
    public async Task Bad_configs_fail_as_the_reference(string name, string? ipam)
    {
        using var ours = new HostLocalDataDir();
        using var reference = new HostLocalDataDir();

        var expected = await HostLocalPlugin.RunAsync(HostLocalPlugin.Reference, "ADD", BadConfig(reference, ipam));
        var actual = await HostLocalPlugin.RunAsync(HostLocalPlugin.Ours, "ADD", BadConfig(ours, ipam));

        Assert.Equal(1, expected.ExitCode);
        AssertSameOutcome(expected, actual, name);
        Assert.Equal(reference.Files(), ours.Files());
    }

    [Theory]
    [InlineData("ours", "reference")]
    [InlineData("reference", "ours")]
    public async Task Allocations_by_either_are_respected_by_the_other_and_round_robin_continues(string first, string second)
    {
        using var shared = new HostLocalDataDir();
        using var alone = new HostLocalDataDir();
        var ipam = "'subnet':'10.8.0.0/28'";
        string[] binaries = [HostLocalPlugin.Named(first), HostLocalPlugin.Named(second)];

        // Alternate the two binaries on one directory; the reference alone on another gives the expected addresses.
        for (var i = 0; i < 8; i++)
        {
            var expected = await HostLocalPlugin.AddAsync(HostLocalPlugin.Reference, alone.Config(ipam), $"c{i}");
            var actual = await HostLocalPlugin.AddAsync(binaries[i % 2], shared.Config(ipam), $"c{i}");
            Assert.Equal(expected.IPs.Single().Address, actual.IPs.Single().Address);
        }

        Assert.Equal(alone.Allocations(), shared.Allocations());
        Assert.Equal(8, shared.Allocations().Count);

        // DEL by the binary that did not allocate releases the address.
        for (var i = 0; i < 8; i++)
        {
            await HostLocalPlugin.DelAsync(binaries[(i + 1) % 2], shared.Config(ipam), $"c{i}");
            await HostLocalPlugin.DelAsync(HostLocalPlugin.Reference, alone.Config(ipam), $"c{i}");
        }

        Assert.Empty(shared.Allocations());

        // The next allocations go on from the last reserved address, whoever made them, and wrap.
        for (var i = 8; i < 16; i++)
        {
            var expected = await HostLocalPlugin.AddAsync(HostLocalPlugin.Reference, alone.Config(ipam), $"c{i}");
            var actual = await HostLocalPlugin.AddAsync(binaries[i % 2], shared.Config(ipam), $"c{i}");
            Assert.Equal(expected.IPs.Single().Address, actual.IPs.Single().Address);
        }

        Assert.Equal(alone.Allocations(), shared.Allocations());
        Assert.Equal(alone.LastReserved(0), shared.LastReserved(0));
    }

    [Theory]
    [InlineData("ours", "reference")]
    [InlineData("reference", "ours")]
    public async Task Each_refuses_what_the_other_allocated(string first, string second)
    {
        using var shared = new HostLocalDataDir();
        var config = shared.Config("'subnet':'10.9.0.0/29'");
        var owner = HostLocalPlugin.Named(first);
        var other = HostLocalPlugin.Named(second);

        await HostLocalPlugin.AddAsync(owner, config, "c1");
        await HostLocalPlugin.AddAsync(owner, config, "c2", args: "IP=10.9.0.5");

        Assert.Equal(
            (999u, "failed to allocate for range 0: 10.9.0.2 has been allocated to c1, duplicate allocation is not allowed"),
            HostLocalPlugin.Error(await HostLocalPlugin.RunAsync(other, "ADD", config, "c1")));
        Assert.Equal(
            (999u, "failed to allocate for range 0: requested IP address 10.9.0.5 is not available in range set 10.9.0.1-10.9.0.6"),
            HostLocalPlugin.Error(await HostLocalPlugin.RunAsync(other, "ADD", config, "c3", args: "IP=10.9.0.5")));
        Assert.Equal(
            (999u, "failed to allocate for range 0: requested ip 10.9.0.1 is subnet's gateway"),
            HostLocalPlugin.Error(await HostLocalPlugin.RunAsync(other, "ADD", config, "c3", args: "IP=10.9.0.1")));

        // The range holds .2 to .6 (.1 is the gateway): three more, then it is exhausted.
        foreach (var id in new[] { "c3", "c4", "c5" })
        {
            await HostLocalPlugin.AddAsync(other, config, id);
        }

        Assert.Equal(
            (999u, "failed to allocate for range 0: no IP addresses available in range set: 10.9.0.1-10.9.0.6"),
            HostLocalPlugin.Error(await HostLocalPlugin.RunAsync(other, "ADD", config, "c6")));
        Assert.Equal(5, shared.Allocations().Count);
    }

    [Theory]
    [InlineData("ours", "reference")]
    [InlineData("reference", "ours")]
    public async Task CHECK_by_either_confirms_the_other_s_allocation(string first, string second)
    {
        using var shared = new HostLocalDataDir();
        var ipam = "'subnet':'10.10.0.0/24'";
        var result = await HostLocalPlugin.AddAsync(HostLocalPlugin.Named(first), shared.Config(ipam, "0.4.0"), "c1");
        var withPrev = shared.Config(ipam, "0.4.0", "'prevResult':" + result.ToJson(CniVersion.V040));
        var checker = HostLocalPlugin.Named(second);

        var held = await HostLocalPlugin.RunAsync(checker, "CHECK", withPrev, "c1");
        var otherContainer = await HostLocalPlugin.RunAsync(checker, "CHECK", withPrev, "c2");
        var otherInterface = await HostLocalPlugin.RunAsync(checker, "CHECK", withPrev, "c1", "eth1");

        Assert.Equal(new CniPluginOutput("", "", 0), held);
        Assert.Equal((999u, "host-local: Failed to find address added by container c2"), HostLocalPlugin.Error(otherContainer));
        Assert.Equal((999u, "host-local: Failed to find address added by container c1"), HostLocalPlugin.Error(otherInterface));
    }

    /// <summary>host-local never enters the namespace: any path will do, but ADD and CHECK need the variable set.</summary>
    [Theory]
    [MemberData(nameof(HostLocalPlugin.Binaries), MemberType = typeof(HostLocalPlugin))]
    public async Task CNI_NETNS_must_be_set_for_ADD_but_is_never_opened(string binary)
    {
        using var dataDir = new HostLocalDataDir();
        var config = dataDir.Config("'subnet':'10.34.0.0/24'");
        var path = HostLocalPlugin.Named(binary);
        var withoutNetNs = HostLocalPlugin.Environment("ADD", "c1");
        withoutNetNs.Remove("CNI_NETNS");
        var anyPath = HostLocalPlugin.Environment("ADD", "c1");
        anyPath["CNI_NETNS"] = "not/a/namespace";
        var delWithoutNetNs = HostLocalPlugin.Environment("DEL", "c1");
        delWithoutNetNs.Remove("CNI_NETNS");

        var missing = await PluginProcess.RunAsync(path, withoutNetNs, config);
        var added = await PluginProcess.RunAsync(path, anyPath, config);
        var deleted = await PluginProcess.RunAsync(path, delWithoutNetNs, config);

        Assert.Equal((4u, "required env variables [CNI_NETNS] missing"), HostLocalPlugin.Error(new CniPluginOutput(missing.Stdout, missing.Stderr, missing.ExitCode)));
        Assert.Equal(0, added.ExitCode);
        Assert.Equal(("", 0), (deleted.Stdout, deleted.ExitCode));
        Assert.Empty(dataDir.Allocations());
    }

    [Theory]
    [MemberData(nameof(HostLocalPlugin.Binaries), MemberType = typeof(HostLocalPlugin))]
    public async Task DEL_of_nothing_succeeds_and_releases_only_its_interface(string binary)
    {
        using var shared = new HostLocalDataDir();
        var config = shared.Config("'subnet':'10.11.0.0/24'");
        await HostLocalPlugin.AddAsync(HostLocalPlugin.Reference, config, "c1", "eth0");
        await HostLocalPlugin.AddAsync(HostLocalPlugin.Ours, config, "c1", "eth1");

        await HostLocalPlugin.DelAsync(HostLocalPlugin.Named(binary), config, "c2");
        await HostLocalPlugin.DelAsync(HostLocalPlugin.Named(binary), config, "c1", "eth1");
        await HostLocalPlugin.DelAsync(HostLocalPlugin.Named(binary), config, "c1", "eth1");

        Assert.Equal(new SortedDictionary<string, string> { ["10.11.0.2"] = "c1\r\neth0" }, shared.Allocations());
    }

    [Theory]
    [MemberData(nameof(HostLocalPlugin.Binaries), MemberType = typeof(HostLocalPlugin))]
    public async Task DEL_releases_a_legacy_file_holding_only_the_container_ID(string binary)
    {
        using var shared = new HostLocalDataDir();
        var config = shared.Config("'subnet':'10.12.0.0/24'");
        Directory.CreateDirectory(shared.NetworkPath);
        File.WriteAllText(Path.Combine(shared.NetworkPath, "10.12.0.7"), "c1");
        File.WriteAllText(Path.Combine(shared.NetworkPath, "10.12.0.8"), "c2");

        await HostLocalPlugin.DelAsync(HostLocalPlugin.Named(binary), config, "c1");

        Assert.Equal(new SortedDictionary<string, string> { ["10.12.0.8"] = "c2" }, shared.Allocations());
    }

    [Fact]
    public async Task GC_releases_allocations_of_either_binary_that_are_not_valid()
    {
        using var shared = new HostLocalDataDir();
        var config = shared.Config("'subnet':'10.13.0.0/24'", "1.1.0");
        var referenceConfig = shared.Config("'subnet':'10.13.0.0/24'");
        await HostLocalPlugin.AddAsync(HostLocalPlugin.Reference, referenceConfig, "keep-ref");
        await HostLocalPlugin.AddAsync(HostLocalPlugin.Reference, referenceConfig, "drop-ref");
        await HostLocalPlugin.AddAsync(HostLocalPlugin.Ours, config, "keep-ours", "eth1");
        await HostLocalPlugin.AddAsync(HostLocalPlugin.Ours, config, "keep-ours", "eth2");

        var gc = await HostLocalPlugin.RunAsync(HostLocalPlugin.Ours, "GC", GcConfig(shared, "'subnet':'10.13.0.0/24'", ("keep-ref", "eth0"), ("keep-ours", "eth1")));

        Assert.Equal(new CniPluginOutput("", "", 0), gc);
        Assert.Equal(new SortedDictionary<string, string> { ["10.13.0.2"] = "keep-ref\r\neth0", ["10.13.0.4"] = "keep-ours\r\neth1" }, shared.Allocations());
        await HostLocalPlugin.AddAsync(HostLocalPlugin.Reference, referenceConfig, "next");
    }

    [Fact]
    public async Task STATUS_reports_an_exhausted_range_with_code_50()
    {
        using var shared = new HostLocalDataDir();
        var config = shared.Config("'subnet':'10.14.0.0/30'", "1.1.0");

        var before = await HostLocalPlugin.RunAsync(HostLocalPlugin.Ours, "STATUS", config);
        await HostLocalPlugin.AddAsync(HostLocalPlugin.Reference, shared.Config("'subnet':'10.14.0.0/30'"), "c1");
        var after = await HostLocalPlugin.RunAsync(HostLocalPlugin.Ours, "STATUS", config);

        Assert.Equal(new CniPluginOutput("", "", 0), before);
        Assert.Equal(50u, HostLocalPlugin.Error(after).Code);
    }

    [Fact]
    public async Task STATUS_reports_an_unusable_data_directory_with_code_50_and_ADD_fails_there()
    {
        using var dataDir = new HostLocalDataDir();
        File.WriteAllText(dataDir.NetworkPath, "a file where the network's directory should be");
        var config = dataDir.Config("'subnet':'10.35.0.0/24'", "1.1.0");

        var status = await HostLocalPlugin.RunAsync(HostLocalPlugin.Ours, "STATUS", config);
        var add = await HostLocalPlugin.RunAsync(HostLocalPlugin.Ours, "ADD", config);

        Assert.Equal(50u, HostLocalPlugin.Error(status).Code);
        Assert.Equal(1, add.ExitCode);
    }

    /// <summary>A 1.1.0 GC configuration naming the attachments that are still valid.</summary>
    internal static string GcConfig(HostLocalDataDir dataDir, string ipam, params (string ContainerId, string IfName)[] valid)
        => dataDir.Config(ipam, "1.1.0",
            "\"cni.dev/valid-attachments\":[" + string.Join(",", valid.Select(a => $$"""{"containerID":"{{a.ContainerId}}","ifname":"{{a.IfName}}"}""")) + "]");

    private static string ConfigFor(HostLocalDataDir dataDir, string ipam, string topLevel, string version)
    {
        var resolv = Path.Combine(dataDir.Path, "resolv.conf");
        if (ipam.Contains("{resolv}", StringComparison.Ordinal) && !File.Exists(resolv))
        {
            File.WriteAllText(resolv, ResolvConf);
        }

        return dataDir.Config(ipam.Replace("{resolv}", resolv, StringComparison.Ordinal), version, topLevel);
    }

    private static string BadConfig(HostLocalDataDir dataDir, string? ipam)
        => ipam is null
            ? $$"""{"cniVersion":"1.0.0","name":"{{HostLocalDataDir.Network}}","type":"host-local"}"""
            : dataDir.Config(ipam);

    /// <summary>Successes must be byte-identical; failures the same code and msg.</summary>
    private static void AssertSameOutcome(CniPluginOutput expected, CniPluginOutput actual, string step)
    {
        Assert.True(expected.ExitCode == actual.ExitCode, $"{step}: reference {expected}, ours {actual}");
        if (expected.ExitCode == 0)
        {
            Assert.Equal(expected.Stdout, actual.Stdout);
            return;
        }

        Assert.Equal(HostLocalPlugin.Error(expected), HostLocalPlugin.Error(actual));
    }
}
