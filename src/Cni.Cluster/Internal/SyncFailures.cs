using Cni.Netlink;

namespace Cni.Cluster.Internal;

/// <summary>A sync goes on past an entry the kernel refuses and reports them all at the end.</summary>
internal static class SyncFailures
{
    public static void Run(List<Exception> failures, Action action)
    {
        try
        {
            action();
        }
        catch (NetlinkException ex)
        {
            failures.Add(ex);
        }
    }

    public static void ThrowIfAny(List<Exception> failures, string dataPlane)
    {
        if (failures.Count > 0)
        {
            throw new AggregateException($"{dataPlane}: the kernel refused {failures.Count} entries; the others are in place.", failures);
        }
    }
}
