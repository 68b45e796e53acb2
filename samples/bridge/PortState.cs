using Cni;
using Cni.Netlink;

namespace Bridge;

/// <summary>
/// Waits for the host end of the veth to be up on the bridge before ADD returns, so the
/// container's first packets are not lost. Waits on link events, not by polling.
/// </summary>
internal static class PortState
{
    // The reference tries for 0 + 50 + 500 + 1000 + 1000 ms before it gives up.
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(2550);

    public static void WaitUntilUp(NetlinkSocket node, int hostIndex)
    {
        using var monitor = NetlinkMonitor.Open(NetlinkGroups.Link);
        var state = node.GetLink(hostIndex).OperationalState;
        if (state == OperationalState.Up
            || monitor.WaitForLink(l => l.Index == hostIndex && l.OperationalState == OperationalState.Up, Timeout))
        {
            return;
        }

        state = node.GetLink(hostIndex).OperationalState;
        throw new CniException($"bridge port in error state: {Name(state)}");
    }

    // As Go's netlink prints an operstate.
    private static string Name(OperationalState state) => state switch
    {
        OperationalState.NotPresent => "not-present",
        OperationalState.LowerLayerDown => "lower-layer-down",
        _ => state.ToString().ToLowerInvariant(),
    };
}
