using System.Diagnostics;
using Cni.Netlink;

namespace Cni.Tool.Running;

/// <summary>
/// Throwaway namespaces for a conformance or bench run: a "node" namespace (PREFIX-node-...) where the
/// plugin runs, as it would on a real node, and container namespaces (PREFIX-...) it attaches.
/// A temporary directory holds IPAM data. Dispose deletes all of it, whatever happened.
/// </summary>
internal sealed class Sandbox : IDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly NetworkNamespace _node;
    private readonly string _prefix;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private Sandbox(string prefix)
    {
        _prefix = prefix;
        var name = $"{prefix}-node-{_id}";
        _node = NetworkNamespace.Create(name);
        _namespaces.Add(name);
        try
        {
            _node.Run(BringLoopbackUp);
            Directory = System.IO.Directory.CreateTempSubdirectory(prefix + "-").FullName;
        }
        catch
        {
            _node.Dispose();
            NetworkNamespace.Delete(name);
            throw;
        }
    }

    /// <summary>Creates the node namespace and the temporary directory.</summary>
    /// <param name="prefix">Start of the namespace names (<c>cni-conform</c>, <c>cni-bench</c> or what --netns-prefix says).</param>
    /// <exception cref="ToolException">The namespace cannot be created (not root).</exception>
    public static Sandbox Create(string prefix)
    {
        try
        {
            return new Sandbox(prefix);
        }
        catch (NetlinkException e)
        {
            throw new ToolException($"cannot create the test namespaces (run as root): {e.Message}", e);
        }
    }

    /// <summary>The temporary directory (IPAM data goes in <c>ipam/</c>).</summary>
    public string Directory { get; }

    /// <summary>Creates a container namespace and returns its path (<c>/run/netns/NAME</c>).</summary>
    public string AddContainer()
    {
        var name = $"{_prefix}-{_id}-{_namespaces.Count}";
        NetworkNamespace.Create(name).Dispose();
        _namespaces.Add(name);
        return Path.Combine(NetworkNamespace.NamedNamespaceDirectory, name);
    }

    /// <summary>Deletes a container namespace, as a runtime does when the container is gone before its DEL.</summary>
    public void DeleteContainer(string path)
    {
        var name = Path.GetFileName(path);
        NetworkNamespace.Delete(name);
        _namespaces.Remove(name);
    }

    /// <summary>Deletes a link inside a container namespace (to tamper with an attachment before CHECK).</summary>
    public static void DeleteLink(string containerPath, string linkName)
    {
        using var container = NetworkNamespace.Open(containerPath);
        using var socket = NetlinkSocket.Open(container);
        socket.DeleteLink(linkName);
    }

    /// <summary>Starts a process inside the node namespace: it is forked from a thread that entered it.</summary>
    public Process Start(ProcessStartInfo info) => _node.Run(() => Process.Start(info)!);

    public void Dispose()
    {
        _node.Dispose();
        foreach (var name in _namespaces)
        {
            try
            {
                NetworkNamespace.Delete(name);
            }
            catch (NetlinkException)
            {
                // Already gone; the others must still go.
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static void BringLoopbackUp()
    {
        using var socket = NetlinkSocket.Open();
        socket.SetLinkUp(socket.GetLink("lo").Index);
    }
}
