using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// The VLANs of a bridge port message (IFLA_BRIDGE_VLAN_INFO entries of IFLA_AF_SPEC), read in
/// place with <c>foreach</c>; a RANGE_BEGIN/RANGE_END pair comes out as one <see cref="BridgeVlan"/>.
/// </summary>
public ref struct BridgeVlanEnumerator
{
    private NetlinkAttributeEnumerator _attributes;

    internal BridgeVlanEnumerator(ReadOnlySpan<byte> afSpec)
    {
        _attributes = new NetlinkAttributeEnumerator(afSpec);
        Current = default;
    }

    /// <summary>The current VLAN or range.</summary>
    public BridgeVlan Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This.</returns>
    public readonly BridgeVlanEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next VLAN or range.</summary>
    /// <returns><see langword="false"/> after the last.</returns>
    /// <exception cref="NetlinkException">The entries are malformed (EBADMSG).</exception>
    public bool MoveNext()
    {
        while (_attributes.MoveNext())
        {
            var attribute = _attributes.Current;
            if (attribute.Type != IflaBridge.VlanInfo)
            {
                continue;
            }

            var (flags, id) = Read(attribute);
            if ((flags & BridgeVlanInfo.RangeEnd) != 0)
            {
                ThrowHelper.ThrowMalformed("a VLAN range end without its beginning");
            }

            var last = id;
            if ((flags & BridgeVlanInfo.RangeBegin) != 0)
            {
                if (!NextVlanInfo(out var endFlags, out last) || (endFlags & BridgeVlanInfo.RangeEnd) == 0 || last < id)
                {
                    ThrowHelper.ThrowMalformed("a VLAN range beginning without its end");
                }
            }

            Current = new BridgeVlan(id, last)
            {
                Pvid = (flags & BridgeVlanInfo.Pvid) != 0,
                Untagged = (flags & BridgeVlanInfo.Untagged) != 0,
            };
            return true;
        }

        return false;
    }

    private bool NextVlanInfo(out ushort flags, out ushort id)
    {
        while (_attributes.MoveNext())
        {
            if (_attributes.Current.Type == IflaBridge.VlanInfo)
            {
                (flags, id) = Read(_attributes.Current);
                return true;
            }
        }

        flags = 0;
        id = 0;
        return false;
    }

    private static (ushort Flags, ushort Id) Read(NetlinkAttribute attribute)
    {
        var info = FixedHeader.Read<bridge_vlan_info>(attribute.Value, "a bridge VLAN entry");
        return (info.flags, info.vid);
    }
}
