using System.Runtime.ExceptionServices;
using Cni.Netlink;

namespace Cni.Samples;

/// <summary>
/// Deletes the container's interface on a thread of its own, so DEL can release the allocation and
/// the rules while the kernel deletes the veth pair: that waits for an RCU grace period, most of a
/// DEL. A plain thread, not the thread pool, which would start two threads of its own.
/// </summary>
internal sealed class ContainerLinkDeletion
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
    public static async Task AlongsideAsync(ContainerNamespace? container, string ifName, Func<Task> release)
    {
        ContainerLinkDeletion? deletion = null;
        if (container is not null)
        {
            deletion = new ContainerLinkDeletion(container.Socket, ifName);
            deletion._thread.Start();
        }

        try
        {
            await release();
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
