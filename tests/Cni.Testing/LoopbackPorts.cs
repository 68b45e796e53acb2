using System.Net;
using System.Net.Sockets;

namespace Cni.Testing;

/// <summary>
/// Loopback TCP ports for servers a test starts (etcd members) and for endpoints meant to be dead. Each is bound
/// once to learn that it is free, the ports of one call all at once, and no port is handed out twice in this
/// process: the kernel gives a port just closed out again, which once gave an etcd member the same port for its
/// clients and its peers ("bind: address already in use").
/// </summary>
public static class LoopbackPorts
{
    private static readonly HashSet<int> s_handedOut = [];

    /// <summary><paramref name="count"/> distinct free ports.</summary>
    /// <param name="count">How many.</param>
    /// <returns>The ports, none of them handed out before.</returns>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            var ports = new List<int>(count);
            while (ports.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                lock (s_handedOut)
                {
                    if (s_handedOut.Add(port))
                    {
                        ports.Add(port);
                    }
                }
            }

            return [.. ports];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// <summary>One free port, never handed out before.</summary>
    /// <returns>The port.</returns>
    public static int Take() => Take(1)[0];
}
