using System.Runtime.ExceptionServices;
using Cni.Netlink;

namespace Bridge;

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

    public static ContainerLinkDeletion Start(NetlinkSocket container, string ifName)
    {
        var deletion = new ContainerLinkDeletion(container, ifName);
        deletion._thread.Start();
        return deletion;
    }

    /// <summary>Waits until the interface is gone; rethrows the deletion's error.</summary>
    public void Wait()
    {
        _thread.Join();
        _failure?.Throw();
    }
}
