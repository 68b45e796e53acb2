using Cni.Netlink;

namespace Cni.Testing;

/// <summary>
/// A network namespace a test creates (named cnit-...), with a socket inside it; deleted in
/// Dispose even when the test failed. Requires root.
/// </summary>
public sealed class TestNamespace : IDisposable
{
    private TestNamespace(string name, NetworkNamespace handle, NetlinkSocket socket)
    {
        Name = name;
        Namespace = handle;
        Socket = socket;
    }

    /// <summary>The namespace's name (its path is /var/run/netns/NAME).</summary>
    public string Name { get; }

    /// <summary>The namespace.</summary>
    public NetworkNamespace Namespace { get; }

    /// <summary>A netlink socket inside it.</summary>
    public NetlinkSocket Socket { get; }

    /// <summary>The namespace's path, as CNI_NETNS names it.</summary>
    public string Path => "/var/run/netns/" + Name;

    /// <summary>Creates a namespace with its loopback up.</summary>
    /// <returns>The namespace.</returns>
    public static TestNamespace Create()
    {
        Requires.Root();
        var name = "cnit-" + Guid.NewGuid().ToString("N")[..10];
        var handle = NetworkNamespace.Create(name);
        try
        {
            var socket = NetlinkSocket.Open(handle);
            var loopback = socket.GetLink("lo");
            socket.SetLinkUp(loopback.Index);
            return new TestNamespace(name, handle, socket);
        }
        catch
        {
            handle.Dispose();
            NetworkNamespace.Delete(name);
            throw;
        }
    }

    /// <summary>Adds a bridge that is up.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>Its index.</returns>
    public int AddBridge(string name)
    {
        Socket.AddLink(new BridgeSpec(name) { Up = true });
        return Socket.GetLink(name).Index;
    }

    /// <summary>Closes the socket and deletes the namespace.</summary>
    public void Dispose()
    {
        Socket.Dispose();
        Namespace.Dispose();
        NetworkNamespace.Delete(Name);
    }
}
