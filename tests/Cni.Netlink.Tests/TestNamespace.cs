using Cni.Testing;

namespace Cni.Netlink.Tests;

/// <summary>
/// A network namespace a test creates (named cnit-...), with a socket inside it; deleted in
/// Dispose even when the test failed. Requires root.
/// </summary>
internal sealed class TestNamespace : IDisposable
{
    private TestNamespace(string name, NetworkNamespace handle, NetlinkSocket socket)
    {
        Name = name;
        Namespace = handle;
        Socket = socket;
    }

    public string Name { get; }

    public NetworkNamespace Namespace { get; }

    public NetlinkSocket Socket { get; }

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

    public int AddBridge(string name)
    {
        Socket.AddLink(new BridgeSpec(name) { Up = true });
        return Socket.GetLink(name).Index;
    }

    public void Dispose()
    {
        Socket.Dispose();
        Namespace.Dispose();
        NetworkNamespace.Delete(Name);
    }
}
