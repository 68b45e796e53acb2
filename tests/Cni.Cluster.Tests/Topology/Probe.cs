using System.Net;
using System.Net.Sockets;
using Cni.Testing;

namespace Cni.Cluster.Tests.Topology;

/// <summary>What the tests look at: ping, the source address a receiver sees, and the kernel's tables as iproute2 prints them.</summary>
internal static class Probe
{
    private const int Port = 7777;
    private static readonly Dictionary<string, string> Environment = new() { ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" };

    /// <summary>Runs iproute2 (ip or bridge) and returns what it printed; fails the test when it fails.</summary>
    public static string Run(string tool, params string[] arguments)
    {
        var (stdout, stderr, exitCode) = PluginProcess.RunAsync(Requires.Executable($"/usr/sbin/{tool}"), Environment, "", arguments).GetAwaiter().GetResult();
        Assert.True(exitCode == 0, $"{tool} {string.Join(' ', arguments)}: {stderr}");
        return stdout;
    }

    /// <summary>Whether one ping from inside a namespace (ip netns exec NS ping) gets its reply.</summary>
    public static bool Ping(TestNamespace from, IPAddress to)
    {
        var (_, _, exitCode) = PluginProcess.RunAsync("/usr/sbin/ip", Environment, "", ["netns", "exec", from.Name, Requires.Executable("/usr/bin/ping"), "-c", "1", "-W", "2", to.ToString()]).GetAwaiter().GetResult();
        return exitCode == 0;
    }

    /// <summary>Sends a UDP datagram from one namespace to an address in another and returns the source address the receiver saw.</summary>
    public static IPAddress SourceSeenBy(TestNamespace receiver, IPAddress receiverAddress, TestNamespace sender)
    {
        using var inbound = receiver.Namespace.Run(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 1000 };
            socket.Bind(new IPEndPoint(receiverAddress, Port));
            return socket;
        });
        using var outbound = sender.Namespace.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        var buffer = new byte[16];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            outbound.SendTo("hello"u8, new IPEndPoint(receiverAddress, Port));
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            try
            {
                inbound.ReceiveFrom(buffer, ref from);
                return ((IPEndPoint)from).Address;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
            {
                // The first datagram can wait for ARP on the way; send again.
            }
        }

        Assert.Fail($"No datagram reached {receiverAddress}.");
        return IPAddress.None;
    }

    /// <summary>The routes a data plane owns in a node, as <c>ip route show proto 77</c> prints them.</summary>
    public static string OwnedRoutes(TestNode node) => Run("ip", "-n", node.Host.Name, "route", "show", "proto", ((int)ClusterRoutes.Protocol).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every IPv4 route of the node's main table.</summary>
    public static string AllRoutes(TestNode node) => Run("ip", "-n", node.Host.Name, "route", "show");

    /// <summary>The device's permanent neighbour entries, as <c>ip neigh show dev DEVICE nud permanent</c> prints them.</summary>
    public static string Neighbors(TestNode node, string device) => Run("ip", "-n", node.Host.Name, "neigh", "show", "dev", device, "nud", "permanent");

    /// <summary>The device's forwarding database, as <c>bridge fdb show dev DEVICE</c> prints it.</summary>
    public static string Fdb(TestNode node, string device) => Run("bridge", "-n", node.Host.Name, "fdb", "show", "dev", device);
}
