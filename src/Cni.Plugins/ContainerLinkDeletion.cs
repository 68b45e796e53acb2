using System.Runtime.ExceptionServices;
using Cni.Netlink;

namespace Cni.Plugins;

/// <summary>
/// Deletes the container's interface on a thread of its own, so DEL can release the allocation and
/// the rules while the kernel deletes the veth pair: that waits for an RCU grace period, most of a
/// DEL. A plain thread, not the thread pool, which would start two threads of its own.
/// </summary>
public sealed class ContainerLinkDeletion
{
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;

    private ContainerLinkDeletion(NetlinkSocket container, string ifName)
    {
        _thread = new Thread(() =>
        {
            try
            {
                ContainerInterface.Delete(container, ifName);
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = "link deletion",
        };
    }

    /// <summary>
    /// Deletes the container's interface (when its namespace is still there) while
    /// <paramref name="release"/> releases what else the attachment holds, and returns when both
    /// are done. Either's failure fails DEL, and the runtime retries it: every step finds what is
    /// already gone.
    /// </summary>
    /// <param name="container">The container's namespace, or null when it is gone (its interfaces went with it).</param>
    /// <param name="ifName">The interface to delete (CNI_IFNAME); a missing one is no error.</param>
    /// <param name="release">Releases the rest (IPAM, firewall rules), meanwhile.</param>
    /// <returns>A task that completes when both are done.</returns>
    /// <exception cref="CniException">The deletion failed.</exception>
    public static async Task AlongsideAsync(ContainerNamespace? container, string ifName, Func<Task> release)
    {
        ArgumentNullException.ThrowIfNull(release);
        ContainerLinkDeletion? deletion = null;
        if (container is not null)
        {
            deletion = new ContainerLinkDeletion(container.Socket, ifName);
            deletion._thread.Start();
        }

        try
        {
            await release().ConfigureAwait(false);
        }
        finally
        {
            // The namespace's socket must outlive the deletion.
            deletion?.Wait();
        }
    }

    private void Wait()
    {
        _thread.Join();
        _failure?.Throw();
    }
}
