using System.Text.Json;
using System.Text.RegularExpressions;
using Cni.Netlink;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// A throwaway "node": a network namespace (cnit-node-...) where plugins run as on a real node,
/// so the host's own interfaces, routes and firewall are never touched, plus the container
/// namespaces (cnit-ctr-...) attached to it and a directory for configurations, the IPAM data
/// and libcni's cache. Everything is deleted in Dispose, also after a failed test. Requires root.
/// </summary>
internal sealed partial class TestNode : IDisposable
{
    private readonly List<string> _namespaces = [];

    private TestNode(string cniPath)
    {
        CniPath = cniPath;
        Name = Create("cnit-node-");
        Directory = System.IO.Directory.CreateTempSubdirectory("cnit-bridge-").FullName;
    }

    /// <summary>The node namespace's name.</summary>
    public string Name { get; }

    /// <summary>Where configurations, IPAM data (<c>data/</c>) and libcni's cache (<c>cache/</c>) go.</summary>
    public string Directory { get; }

    /// <summary>CNI_PATH for the plugins run on this node.</summary>
    public string CniPath { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    /// <summary>A node whose plugins are ours (artifacts/plugins first), IPAM plugins from the reference.</summary>
    public static TestNode Ours() => new(BridgePlugin.Directory + ":/usr/lib/cni");

    /// <summary>A node whose only plugin is the bridge built with the exporter (artifacts/plugins-otel), its IPAM in-process.</summary>
    public static TestNode Traced() => new(Path.GetDirectoryName(BridgePlugin.TracedPath)!);

    /// <summary>A node whose plugins are all the reference's (/usr/lib/cni).</summary>
    public static TestNode Reference()
    {
        Requires.Executable("/usr/lib/cni/bridge");
        return new("/usr/lib/cni");
    }

    /// <summary>A new container namespace; returns its name (the path is /var/run/netns/NAME).</summary>
    public string AddContainer() => Create("cnit-ctr-");

    public static string PathOf(string container) => "/var/run/netns/" + container;

    /// <summary>
    /// Deletes a container's namespace, as a runtime does when the container is gone, and waits
    /// (up to 10 s) until the kernel has destroyed the veth peers its interfaces had in the node:
    /// the kernel does that after the namespace's last reference goes, asynchronously, so a check
    /// right after the delete could still see them.
    /// </summary>
    public async Task DeleteContainerAsync(string container)
    {
        var peers = VethPeerIndex().Matches(await ExecAsync(container, "ip", "-o", "link", "show"))
            .Select(match => match.Groups[1].Value + ":")
            .ToList();
        NetworkNamespace.Delete(container);
        _namespaces.Remove(container);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var links = (await ExecAsync(Name, "ip", "-o", "link", "show")).Split('\n');
            if (!links.Any(link => peers.Any(peer => link.StartsWith(peer, StringComparison.Ordinal))))
            {
                return;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Writes a configuration file; <c>DATADIR</c> in the text becomes this node's IPAM data directory.</summary>
    public string WriteConfig(string name, string json)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, json.Replace("DATADIR", DataDirectory, StringComparison.Ordinal));
        return path;
    }

    /// <summary>
    /// Runs the reference libcni (the test driver) inside the node, as a runtime on that node would; libcni passes its
    /// environment, with <paramref name="environment"/> added, on to the plugins.
    /// </summary>
    public Task<(string Stdout, string Stderr, int ExitCode)> LibcniAsync(string verb, string configFile, string container, string containerId, string ifName = "eth0", string args = "", string capabilities = "", IReadOnlyDictionary<string, string>? environment = null)
        => PluginProcess.RunAsync(
            "/usr/sbin/ip",
            new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["CNI_PATH"] = CniPath, ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" },
            "",
            ["netns", "exec", Name, LibcniDriver.Path, verb, "-config", configFile, "-cache", Path.Combine(Directory, "cache"),
                "-netns", PathOf(container), "-id", containerId, "-ifname", ifName, "-args", args, "-capabilities", capabilities]);

    /// <summary>ADD through libcni inside the node; asserts it succeeded and returns the result.</summary>
    public async Task<string> AddAsync(string configFile, string container, string containerId)
    {
        var add = await LibcniAsync("add", configFile, container, containerId);
        Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
        return add.Stdout;
    }

    /// <summary>DEL through libcni inside the node; asserts it succeeded.</summary>
    public async Task DelAsync(string configFile, string container, string containerId)
    {
        var del = await LibcniAsync("del", configFile, container, containerId);
        Assert.True(del.ExitCode == 0, del.Stdout + del.Stderr);
    }

    /// <summary>The first address of a result (<c>ips[0]</c>), without its prefix length.</summary>
    public static string FirstAddress(string result)
    {
        using var json = JsonDocument.Parse(result);
        var address = json.RootElement.GetProperty("ips")[0].GetProperty("address").GetString()!;
        return address[..address.IndexOf('/', StringComparison.Ordinal)];
    }

    /// <summary>
    /// Executes one of our plugins (bridge unless named) directly inside the node (no libcni), for
    /// spec 1.1.0 and its GC and STATUS; <paramref name="wrapper"/> is a command line it runs under
    /// (e.g. strace).
    /// </summary>
    public Task<(string Stdout, string Stderr, int ExitCode)> PluginAsync(string command, string config, string? container = null, string containerId = "", string ifName = "eth0", string plugin = "bridge", IReadOnlyList<string>? wrapper = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_PATH"] = CniPath,
            ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin",
        };
        if (container is not null)
        {
            environment["CNI_NETNS"] = PathOf(container);
            environment["CNI_CONTAINERID"] = containerId;
            environment["CNI_IFNAME"] = ifName;
        }

        var binary = Requires.Executable(Path.Combine(BridgePlugin.Directory, plugin));
        return PluginProcess.RunAsync("/usr/sbin/ip", environment, File.ReadAllText(config), ["netns", "exec", Name, .. wrapper ?? [], binary]);
    }

    /// <summary>Whether this kernel has bridge VLAN filtering (the test machines' has not): a probe bridge made in the node.</summary>
    public async Task<bool> KernelFiltersVlansAsync()
    {
        var probe = await ExecUncheckedAsync(Name, "ip", "link", "add", "cnit-vlanprobe", "type", "bridge", "vlan_filtering", "1");
        if (probe.ExitCode == 0)
        {
            await ExecAsync(Name, "ip", "link", "del", "cnit-vlanprobe");
        }

        return probe.ExitCode == 0;
    }

    /// <summary>Runs a command inside a namespace of this node (<c>ip netns exec</c>) and returns its stdout; fails on a non-zero exit.</summary>
    public static async Task<string> ExecAsync(string inNamespace, params string[] command)
    {
        var (stdout, stderr, exitCode) = await ExecUncheckedAsync(inNamespace, command);
        Assert.True(exitCode == 0, $"{string.Join(' ', command)} in {inNamespace}: exit {exitCode}: {stderr}");
        return stdout;
    }

    public static Task<(string Stdout, string Stderr, int ExitCode)> ExecUncheckedAsync(string inNamespace, params string[] command)
        => PluginProcess.RunAsync("/usr/sbin/ip", new Dictionary<string, string> { ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" }, "", ["netns", "exec", inNamespace, .. command]);

    /// <summary>
    /// The node's network state as text to compare with another node's: links with their bridge
    /// ports, addresses, routes, NAT rules; random parts (veth names, MACs, link-local addresses,
    /// interface indexes) replaced by placeholders.
    /// </summary>
    public async Task<string> NodeStateAsync()
        => Normalize(string.Join('\n',
            "## links", await ExecAsync(Name, "ip", "-o", "-d", "link", "show"),
            "## addresses", await ExecAsync(Name, "ip", "-o", "addr", "show"),
            "## routes", await ExecAsync(Name, "ip", "route", "show"),
            "## routes6", await ExecAsync(Name, "ip", "-6", "route", "show"),
            "## bridge ports", await ExecAsync(Name, "bridge", "-d", "link", "show"),
            "## forwarding", await ExecAsync(Name, "sysctl", "net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"),
            "## accept_ra", await ExecAsync(Name, "sh", "-c", "cd /proc/sys/net/ipv6/conf && for i in *; do echo $i accept_ra=$(cat $i/accept_ra); done"),
            "## nat", string.Join('\n', (await ExecAsync(Name, "iptables-save", "-t", "nat")).Split('\n').Where(l => !l.StartsWith('#'))),
            "## bridge nat", (await ExecUncheckedAsync(Name, "nft", "list", "table", "bridge", "nat")).Stdout));

    /// <summary>A container's network state as text, normalized as <see cref="NodeStateAsync"/>.</summary>
    public static async Task<string> ContainerStateAsync(string container)
        => Normalize(string.Join('\n',
            "## links", await ExecAsync(container, "ip", "-o", "-d", "link", "show"),
            "## addresses", await ExecAsync(container, "ip", "-o", "addr", "show"),
            "## routes", await ExecAsync(container, "ip", "route", "show"),
            "## routes6", await ExecAsync(container, "ip", "-6", "route", "show"),
            "## sysctls", await ExecAsync(container, "sh", "-c", "for k in accept_dad disable_ipv6; do echo $k=$(cat /proc/sys/net/ipv6/conf/eth0/$k 2>/dev/null); done; echo arp_notify=$(cat /proc/sys/net/ipv4/conf/eth0/arp_notify 2>/dev/null)")));

    /// <summary>
    /// Asserts that each named category ("## name" in a state from <see cref="NodeStateAsync"/> or
    /// <see cref="ContainerStateAsync"/>) has content: a comparison claims to compare only what is there.
    /// </summary>
    public static void AssertCompared(string state, params string[] categories)
    {
        foreach (var category in categories)
        {
            var lines = state.Split('\n');
            var start = Array.IndexOf(lines, "## " + category);
            Assert.True(start >= 0, $"no category \"{category}\" in the state:\n{state}");
            Assert.True(start + 1 < lines.Length && !lines[start + 1].StartsWith("## ", StringComparison.Ordinal), $"category \"{category}\" is empty in the state:\n{state}");
        }
    }

    /// <summary>
    /// The files of the IPAM data directory as "path: content" (host-local: one per allocated
    /// address, holding the container ID and interface). Hidden files are left out: Cni.Ipam keeps
    /// an index of its own there that the reference ignores.
    /// </summary>
    public string[] AllocationFiles()
        => System.IO.Directory.Exists(DataDirectory)
            ? [.. System.IO.Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Select(f => Path.GetRelativePath(DataDirectory, f) + ": " + File.ReadAllText(f))
                .Order(StringComparer.Ordinal)]
            : [];

    public void Dispose()
    {
        foreach (var name in _namespaces)
        {
            try
            {
                NetworkNamespace.Delete(name);
            }
            catch (NetlinkException)
            {
                // Already gone (a test deleted it); the others must still go.
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private string Create(string prefix)
    {
        Requires.Root();
        var name = prefix + Guid.NewGuid().ToString("N")[..8];
        NetworkNamespace.Create(name).Dispose();
        _namespaces.Add(name);
        return name;
    }

    internal static string Normalize(string state)
    {
        var lines = state.Split('\n')
            .Where(l => l.Length > 0 && !l.Contains("fe80:", StringComparison.Ordinal))
            .Select(l => TransientAddressState().Replace(l, ""))
            .Select(l => LinkIndex().Replace(l, ""))
            .Select(l => VethName().Replace(l, "vethX"))
            .Select(l => Mac().Replace(l, "MAC"))
            .Select(l => NetnsId().Replace(l, "link-netns NS"))
            .Select(l => LinkDetails().Replace(l, ""))
            .Select(l => Carrier().Replace(l, ""));
        return string.Join('\n', lines);
    }

    // `ip -o addr` ends every address line with its lifetimes (after a "\" that stands for a line break).
    // "tentative" lasts while the kernel's duplicate address detection runs (a second or so), so
    // whether a line has it depends on when it was read, not on the plugin.
    [GeneratedRegex(@" tentative|\s*\\?\s+valid_lft \S+ preferred_lft \S+")]
    private static partial Regex TransientAddressState();

    [GeneratedRegex(@"^\d+: |@if\d+|\\\s+")]
    private static partial Regex LinkIndex();

    // Carrier and operational state follow the kernel's link watch, which runs a moment later
    // (an emptied bridge shows NO-CARRIER after up to a second); the UP flag stays.
    [GeneratedRegex(@"NO-CARRIER,|,LOWER_UP| state (UP|DOWN|UNKNOWN|LOWERLAYERDOWN)| linkdown")]
    private static partial Regex Carrier();

    // A container interface's line names its peer's index in the node: "2: eth0@if7: <...".
    [GeneratedRegex(@"^\d+: [^:@]+@if(\d+):", RegexOptions.Multiline)]
    private static partial Regex VethPeerIndex();

    [GeneratedRegex(@"veth[0-9a-f]{8}")]
    private static partial Regex VethName();

    [GeneratedRegex(@"([0-9a-f]{2}:){5}[0-9a-f]{2}")]
    private static partial Regex Mac();

    [GeneratedRegex(@"link-netns(id)? \S+")]
    private static partial Regex NetnsId();

    // Link lines keep flags, MTU, master, state, queue length, MAC and promiscuity; the rest is
    // kernel defaults and timers (bridge port flags come from `bridge -d link`).
    [GeneratedRegex(@" minmtu .*$")]
    private static partial Regex LinkDetails();
}
