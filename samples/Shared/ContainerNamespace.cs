using Cni.Netlink;

namespace Cni.Samples;

/// <summary>The container's network namespace (CNI_NETNS) and a netlink socket inside it.</summary>
internal sealed class ContainerNamespace : IDisposable
{
    private ContainerNamespace(NetworkNamespace handle, NetlinkSocket socket)
    {
        Handle = handle;
        Socket = socket;
    }

    public NetworkNamespace Handle { get; }

    /// <summary>A socket opened inside the namespace, usable from any thread.</summary>
    public NetlinkSocket Socket { get; }

    /// <summary>Opens it; a missing path or one that is no network namespace is an error.</summary>
    public static ContainerNamespace Open(string path)
        => TryOpen(path) ?? throw new CniException($"failed to open netns \"{path}\": failed to Statfs \"{path}\": no such file or directory");

    /// <summary>Opens it, or returns null when the path no longer exists (the container is gone, and its interfaces with it).</summary>
    public static ContainerNamespace? TryOpen(string path)
    {
        NetworkNamespace handle;
        try
        {
            handle = NetworkNamespace.Open(path);
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            return null;
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to open netns \"{path}\": {KernelError.Text(e)}", e);
        }

        try
        {
            return new ContainerNamespace(handle, NetlinkSocket.Open(handle));
        }
        catch (NetlinkException e)
        {
            handle.Dispose();
            throw new CniException($"failed to open netns \"{path}\": {KernelError.Text(e)}", e);
        }
    }

    public void Dispose()
    {
        Socket.Dispose();
        Handle.Dispose();
    }
}
