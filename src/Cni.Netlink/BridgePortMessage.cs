using System.Text;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// One entry of a bridge dump (<see cref="NetlinkSocket.DumpBridgePorts"/>): a bridge port with its
/// flags and VLANs, or a bridge itself with its own VLANs, read in place.
/// </summary>
public readonly ref struct BridgePortMessage : INetlinkMessage<BridgePortMessage>
{
    static ushort INetlinkMessage<BridgePortMessage>.MessageType => Rtm.NewLink;

    static BridgePortMessage INetlinkMessage<BridgePortMessage>.Parse(ReadOnlySpan<byte> payload) => Parse(payload);

    private readonly ReadOnlySpan<byte> _afSpec;

    private BridgePortMessage(int index, ReadOnlySpan<byte> afSpec)
    {
        Index = index;
        _afSpec = afSpec;
    }

    /// <summary>The link's index.</summary>
    public int Index { get; }

    /// <summary>The index of the bridge (IFLA_MASTER); equal to <see cref="Index"/> for the bridge itself.</summary>
    public int MasterIndex { get; private init; }

    /// <summary>Whether this entry is the bridge itself (its own VLANs, <c>self</c>) rather than a port.</summary>
    public bool IsBridge => Index == MasterIndex;

    /// <summary>The name in UTF-8 (IFLA_IFNAME), without its NUL.</summary>
    public ReadOnlySpan<byte> NameUtf8 { get; private init; }

    /// <summary>Whether the kernel sent the port's flags (IFLA_PROTINFO): true for ports.</summary>
    public bool IsPort { get; private init; }

    /// <summary>The port's flags as the kernel reports them; all <see langword="null"/> when <see cref="IsPort"/> is false.</summary>
    public BridgePortSettings Port { get; private init; }

    /// <summary>The VLANs of the port (or of the bridge itself), ranges kept as ranges; empty when VLAN filtering is off or not built into the kernel.</summary>
    public BridgeVlanEnumerator Vlans => new(_afSpec);

    /// <summary>The name as a string (allocates).</summary>
    /// <returns>The name.</returns>
    public string GetName() => Encoding.UTF8.GetString(NameUtf8);

    internal static BridgePortMessage Parse(ReadOnlySpan<byte> payload)
    {
        var attributes = NetlinkAttributeEnumerator.AfterHeader(payload, out ifinfomsg header);
        ReadOnlySpan<byte> name = default, afSpec = default;
        var master = 0;
        var isPort = false;
        BridgePortSettings port = default;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case Ifla.IfName:
                    name = attribute.GetStringUtf8();
                    break;
                case Ifla.Master:
                    master = attribute.GetInt32();
                    break;
                case Ifla.ProtInfo:
                    isPort = true;
                    port = BridgePortSettings.Parse(attribute.Value);
                    break;
                case Ifla.AfSpec:
                    afSpec = attribute.Value;
                    break;
            }
        }

        return new BridgePortMessage(header.ifi_index, afSpec)
        {
            MasterIndex = master,
            NameUtf8 = name,
            IsPort = isPort,
            Port = port,
        };
    }
}
