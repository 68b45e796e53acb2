using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cni;
using Cni.Cluster;
using Cni.Ipam.Etcd;
using Cni.Netlink;
using Cni.Plugins;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NodeAgent;

/// <summary>
/// Claims the node's block, prepares the node, then keeps the data plane equal to the set of other
/// nodes etcd lists, until the host stops it. A lost claim (etcd unreachable past the lease) is claimed
/// again: the same block while its grace period runs.
/// </summary>
internal sealed partial class Agent(AgentSettings settings, IHostApplicationLifetime lifetime, ILogger<Agent> logger, ILoggerFactory loggers) : BackgroundService
{
    // Every line the agent logs names its node: the JSON format writes it under "Scopes", so lines from
    // many nodes' agents collected in one place still say whose they are.
    private static readonly Func<ILogger, string, IDisposable?> NodeScope = LoggerMessage.DefineScope<string>("node {NodeName}");

    private readonly long _started = Stopwatch.GetTimestamp();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var scope = NodeScope(logger, settings.NodeName);
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NetlinkException or IOException)
        {
            // What no retry mends (no such underlay address, a full cluster CIDR, the kernel refusing):
            // one line and a non-zero exit, not a stack trace.
            LogFailed(e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var socket = NetlinkSocket.Open();
        var underlayLink = LinkHolding(socket, settings.UnderlayAddress);
        Sysctl.EnableForwarding(AddressFamily.InterNetwork);
        var vtep = settings.Vxlan ? VxlanDataPlane.VtepAddressFor(settings.UnderlayAddress) : null;

        await using var blocks = new EtcdNodeBlocks(
            new EtcdOptions { Endpoints = [.. settings.EtcdEndpoints] },
            new NodeBlockOptions
            {
                ClusterCidr = settings.ClusterCidr,
                BlockPrefixLength = settings.BlockPrefixLength,
                LeaseTtl = settings.LeaseTtl,
                GracePeriod = settings.GracePeriod,
                Prefix = settings.EtcdPrefix,
            },
            loggers.CreateLogger<EtcdNodeBlocks>());

        while (!stoppingToken.IsCancellationRequested)
        {
            NodeBlock own;
            try
            {
                own = await blocks.ClaimAsync(settings.NodeName, settings.UnderlayAddress, vtep, stoppingToken);
            }
            catch (CniException e)
            {
                // etcd unreachable or failing: a node agent waits for it rather than giving up.
                LogEtcdUnavailable(e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }

            LogClaimed(own.Block, settings.NodeName);
            using var dataPlane = settings.Vxlan
                ? (IClusterDataPlane)new VxlanDataPlane(socket, underlayLink, settings.UnderlayAddress, own.Block)
                : new HostGatewayDataPlane(socket, underlayLink);
            await PrepareNodeAsync(socket, underlayLink, own.Block, stoppingToken);
            await FollowAsync(blocks, dataPlane, stoppingToken);
        }
    }

    /// <summary>Keeps the data plane in step with the alive nodes until the claim is lost or the agent stops.</summary>
    private async Task FollowAsync(EtcdNodeBlocks blocks, IClusterDataPlane dataPlane, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var nodes in blocks.WatchAsync(stoppingToken))
                {
                    Sync(dataPlane, nodes);
                }
            }
            catch (NodeClaimLostException e)
            {
                LogClaimLost(e.Message);
                return;
            }
            catch (CniException e)
            {
                // No member answered in time: the data plane stays as it is meanwhile.
                LogEtcdUnavailable(e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>The node's configuration for the runtime, and masquerading for traffic that leaves the cluster.</summary>
    private async Task PrepareNodeAsync(NetlinkSocket socket, int underlayLink, IPCidr block, CancellationToken cancellationToken)
    {
        var path = new NodeNetworkConfig
        {
            PodBlock = block,
            Mtu = settings.Vxlan ? socket.GetLink(underlayLink).Mtu - VxlanDataPlane.Overhead : null,
            IpamDataDirectory = settings.IpamDataDirectory,
        }.WriteTo(settings.ConfigDirectory);
        await new OutboundMasquerade("cni_cluster", logger).ApplyAsync([block], [settings.ClusterCidr], cancellationToken);
        LogConfigured(path);
    }

    private void Sync(IClusterDataPlane dataPlane, IReadOnlyList<NodeBlock> nodes)
    {
        var remote = nodes
            .Where(n => n.NodeName != settings.NodeName)
            .Select(n => new RemoteNode(n.NodeName, n.Block, n.UnderlayAddress, n.VtepAddress))
            .ToList();
        var began = Stopwatch.GetTimestamp();
        try
        {
            dataPlane.Sync(remote);
        }
        catch (AggregateException e)
        {
            // Blocks another router owns: the rest is in place; the next change retries them.
            LogRefused(string.Join("; ", e.InnerExceptions.Select(x => x.Message)));
        }

        LogSynced(remote.Count, Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        if (settings.ReadyFile is { } readyFile && !File.Exists(readyFile))
        {
            File.WriteAllText(readyFile, $"{Stopwatch.GetElapsedTime(_started).TotalMilliseconds:F0}\n");
            LogReady(Stopwatch.GetElapsedTime(_started).TotalMilliseconds);
        }
    }

    private static int LinkHolding(NetlinkSocket socket, IPAddress address)
    {
        foreach (var message in socket.DumpAddresses(address.AddressFamily))
        {
            if (new IPAddress(message.AddressBytes).Equals(address))
            {
                return message.LinkIndex;
            }
        }

        throw new InvalidOperationException($"no link of this node holds the underlay address {address}");
    }

    [LoggerMessage(LogLevel.Information, "node {Node} holds block {Block}")]
    private partial void LogClaimed(IPCidr block, string node);

    [LoggerMessage(LogLevel.Information, "wrote {Path}; traffic leaving the cluster is masqueraded")]
    private partial void LogConfigured(string path);

    [LoggerMessage(LogLevel.Information, "data plane in step with {Count} other nodes ({Milliseconds:F1} ms)")]
    private partial void LogSynced(int count, double milliseconds);

    [LoggerMessage(LogLevel.Information, "ready {Milliseconds:F0} ms after start")]
    private partial void LogReady(double milliseconds);

    [LoggerMessage(LogLevel.Warning, "routes refused: {Refusals}")]
    private partial void LogRefused(string refusals);

    [LoggerMessage(LogLevel.Warning, "etcd: {Reason}; trying again")]
    private partial void LogEtcdUnavailable(string reason);

    [LoggerMessage(LogLevel.Critical, "{Reason}")]
    private partial void LogFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "the claim was lost ({Reason}); claiming again")]
    private partial void LogClaimLost(string reason);
}
