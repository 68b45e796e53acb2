using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A tun or tap link's settings as the kernel reports them (IFLA_INFO_DATA of a tun link): the read side of <see cref="TunSpec"/>.</summary>
/// <param name="Mode">tun or tap (IFLA_TUN_TYPE).</param>
/// <param name="PacketInformation">Whether packets carry the 4-byte protocol header (IFLA_TUN_PI); <see cref="TunSpec"/> turns it off.</param>
/// <param name="MultiQueue">Whether the link has several queues (IFLA_TUN_MULTI_QUEUE).</param>
/// <param name="Persistent">Whether the link outlives its files (IFLA_TUN_PERSIST).</param>
/// <param name="Queues">How many queues are attached now (IFLA_TUN_NUM_QUEUES).</param>
/// <param name="Owner">The user id allowed to attach (IFLA_TUN_OWNER), <see langword="null"/> when none.</param>
/// <param name="Group">The group id allowed to attach (IFLA_TUN_GROUP), <see langword="null"/> when none.</param>
public readonly record struct TunState(TunMode Mode, bool PacketInformation, bool MultiQueue, bool Persistent, uint Queues, uint? Owner, uint? Group)
{
    /// <summary>Reads the IFLA_TUN_* attributes.</summary>
    internal static TunState Parse(ReadOnlySpan<byte> attributes)
    {
        var state = default(TunState);
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            state = attribute.Type switch
            {
                IflaTun.Type => state with { Mode = (TunMode)attribute.GetUInt8() },
                IflaTun.Pi => state with { PacketInformation = attribute.GetUInt8() != 0 },
                IflaTun.MultiQueue => state with { MultiQueue = attribute.GetUInt8() != 0 },
                IflaTun.Persist => state with { Persistent = attribute.GetUInt8() != 0 },
                IflaTun.NumQueues => state with { Queues = attribute.GetUInt32() },
                IflaTun.Owner => state with { Owner = attribute.GetUInt32() },
                IflaTun.Group => state with { Group = attribute.GetUInt32() },
                _ => state,
            };
        }

        return state;
    }
}
