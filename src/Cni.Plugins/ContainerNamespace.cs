using Cni.Netlink;

namespace Cni.Plugins;

/// <summary>The container's network namespace (CNI_NETNS) and a netlink socket inside it.</summary>
public sealed class ContainerNamespace : IDisposable
{
    private ContainerNamespace(NetworkNamespace handle, NetlinkSocket socket)
    {
        Handle = handle;
        Socket = socket;
    }

    /// <summary>The namespace, for <see cref="NetworkNamespace.Run"/> and for creating links inside it.</summary>
    public NetworkNamespace Handle { get; }

    /// <summary>A socket opened inside the namespace, usable from any thread.</summary>
    public NetlinkSocket Socket { get; }

    /// <summary>Opens it; a missing path or one that is no network namespace is an error.</summary>
    /// <param name="path">The namespace's path (CNI_NETNS).</param>
    /// <returns>The namespace, with a socket inside it.</returns>
    /// <exception cref="CniException">The path is missing or no network namespace (the reference's message).</exception>
    public static ContainerNamespace Open(string path)
        => TryOpen(path) ?? throw new CniException($"failed to open netns \"{path}\": failed to Statfs \"{path}\": no such file or directory");

    /// <summary>Opens it, or returns null when the path no longer exists (the container is gone, and its interfaces with it).</summary>
    /// <param name="path">The namespace's path (CNI_NETNS).</param>
    /// <returns>The namespace, or null.</returns>
    /// <exception cref="CniException">The path exists but cannot be opened as a network namespace.</exception>
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

    /// <summary>Closes the socket and the namespace's descriptor; the namespace itself stays.</summary>
    public void Dispose()
    {
        Socket.Dispose();
        Handle.Dispose();
    }
}
