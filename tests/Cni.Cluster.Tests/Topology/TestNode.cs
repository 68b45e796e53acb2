using System.Net;
using Cni.Netlink;
using Cni.Testing;

namespace Cni.Cluster.Tests.Topology;

/// <summary>
/// A "node": a namespace on the underlay bridge (eth0, 10.90.0.N/24, forwarding on) with its pod
/// block on a bridge (10.244.N.1/24) and one "pod", a namespace on that bridge (10.244.N.2).
/// </summary>
internal sealed class TestNode : IDisposable
{
    private const string UnderlayName = "eth0";

    private TestNode(int number, TestNamespace host, TestNamespace pod)
    {
        Number = number;
        Host = host;
        Pod = pod;
    }

    /// <summary>1, 2, 3...: the third byte of its block, the last byte of its underlay address.</summary>
    public int Number { get; }

    /// <summary>Its name, as the cluster knows it.</summary>
    public string Name => $"node-{Number}";

    /// <summary>The node's own network namespace (its host network).</summary>
    public TestNamespace Host { get; }

    /// <summary>The pod's network namespace.</summary>
    public TestNamespace Pod { get; }

    /// <summary>Its address on the underlay.</summary>
    public IPAddress UnderlayAddress => new([10, 90, 0, (byte)Number]);

    /// <summary>Its pod block.</summary>
    public IPCidr Block => new(new IPAddress([10, 244, (byte)Number, 0]), 24);

    /// <summary>The pod's address.</summary>
    public IPAddress PodAddress => new([10, 244, (byte)Number, 2]);

    /// <summary>The index of eth0 in the node.</summary>
    public int UnderlayIndex => Host.Socket.GetLink(UnderlayName).Index;

    /// <summary>Makes a node plugged into the underlay bridge.</summary>
    public static TestNode Create(TestNamespace underlay, int underlayBridge, int number)
    {
        var host = TestNamespace.Create();
        TestNamespace? pod = null;
        try
        {
            underlay.Socket.AddLink(new VethSpec($"cnit-u{number}", UnderlayName) { PeerNamespace = host.Namespace, MasterIndex = underlayBridge, Up = true });
            var eth0 = host.Socket.GetLink(UnderlayName).Index;
            host.Socket.AddAddress(eth0, new IPAddress([10, 90, 0, (byte)number]), 24);
            host.Socket.SetLinkUp(eth0);
            host.Namespace.WriteSysctl("net.ipv4.ip_forward", "1");

            var pods = host.AddBridge("cnit-pods");
            host.Socket.AddAddress(pods, new IPAddress([10, 244, (byte)number, 1]), 24);
            pod = TestNamespace.Create();
            host.Socket.AddLink(new VethSpec("cnit-pv", "eth0") { PeerNamespace = pod.Namespace, MasterIndex = pods, Up = true });
            var podLink = pod.Socket.GetLink("eth0").Index;
            pod.Socket.AddAddress(podLink, new IPAddress([10, 244, (byte)number, 2]), 24);
            pod.Socket.SetLinkUp(podLink);
            pod.Socket.AddRoute(new Route { Gateway = new IPAddress([10, 244, (byte)number, 1]) });
            return new TestNode(number, host, pod);
        }
        catch
        {
            pod?.Dispose();
            host.Dispose();
            throw;
        }
    }

    /// <summary>This node as the others see it.</summary>
    public RemoteNode AsRemote(IClusterDataPlane? plane) => new(Name, Block, UnderlayAddress, (plane as VxlanDataPlane)?.VtepAddress);

    public void Dispose()
    {
        Pod.Dispose();
        Host.Dispose();
    }
}
