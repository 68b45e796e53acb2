using Cni.Samples.Tests.Bridge;
using Cni.Testing;

namespace Cni.Samples.Tests.Cluster;

/// <summary>
/// The cluster pod network end to end, in both data plane modes: eng/cluster-demo.sh (three node
/// namespaces on an underlay, etcd, the published node agent in each, pods added through the reference
/// libcni with our bridge and host-local). Every scenario line must be there and say ok.
/// </summary>
public sealed class ClusterDemoTests
{
    // Each connection: the receiver must see the sender's own address, except leaving the cluster.
    private static readonly string[] Scenarios =
    [
        "every node has a route to every other node's block",
        "pod to pod on one node:",
        "pod to pod across nodes:",
        "pod to pod across nodes, the other way:",
        "node daemon to a local pod:",
        "host network of node1 to a pod on node2:",
        "pod to outside the cluster (masqueraded):",
        "etcd leader e",
        "node3's agent stopped cleanly on SIGTERM",
        "node3 left: node1 and node2 dropped the route to",
        "node3 rejoined with its own block",
        "node1 and node2 route to",
        "pod to pod across nodes after the rejoin:",
    ];

    [Theory]
    [InlineData("host-gw")]
    [InlineData("vxlan")]
    public async Task Pods_and_nodes_reach_each_other_without_NAT_and_a_node_leaves_and_rejoins(string mode)
    {
        Requires.Root();
        var agent = Requires.Executable(Path.Combine(RepositoryPaths.Agents, "node-agent"));
        Requires.Executable(Path.Combine(RepositoryPaths.Root, "artifacts", "tools", "libcni-driver"));
        Requires.Executable(Path.Combine(BridgePlugin.Directory, "host-local"));
        Requires.Executable("/usr/bin/etcd");
        Requires.Command("python3");
        Requires.Command("nft");

        var (stdout, stderr, exitCode) = await PluginProcess.RunAsync(
            "/usr/bin/bash",
            new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin" },
            "",
            [Path.Combine(RepositoryPaths.Root, "eng", "cluster-demo.sh"), mode],
            TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, $"{agent} in {mode} mode: exit {exitCode}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(Scenarios, scenario => Assert.Contains(lines, line => line.StartsWith("ok    " + scenario, StringComparison.Ordinal)));
        Assert.Equal(6, lines.Count(line => line.StartsWith("ok    pod", StringComparison.Ordinal) && line.Contains(" on node", StringComparison.Ordinal)));
        Assert.Matches(@"^\d+ passed, 0 failed$", lines[^1]);
        Assert.DoesNotContain(lines, line => line.StartsWith("FAIL", StringComparison.Ordinal));
    }
}
