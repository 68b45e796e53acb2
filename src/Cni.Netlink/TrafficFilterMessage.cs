using System.Buffers.Binary;
using System.Text;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// A filter as the kernel described it (RTM_NEWTFILTER), read in place: the read side of
/// <see cref="TrafficFilter"/>. A u32 filter comes as two messages, its hash table's (handle
/// <c>800:</c>, no actions) and then the filter's own (<c>800::800</c> and up).
/// </summary>
public readonly ref struct TrafficFilterMessage : INetlinkMessage<TrafficFilterMessage>
{
    static ushort INetlinkMessage<TrafficFilterMessage>.MessageType => Rtm.NewTFilter;

    static TrafficFilterMessage INetlinkMessage<TrafficFilterMessage>.Parse(ReadOnlySpan<byte> payload) => Parse(payload);

    private static ReadOnlySpan<byte> U32Kind => "u32"u8;

    private static ReadOnlySpan<byte> MatchallKind => "matchall"u8;

    private static ReadOnlySpan<byte> MirredKind => "mirred"u8;

    private TrafficFilterMessage(tcmsg header)
    {
        LinkIndex = header.tcm_ifindex;
        Handle = header.tcm_handle;
        Parent = header.tcm_parent;
        Priority = (ushort)(header.tcm_info >> 16);
        Protocol = BinaryPrimitives.ReverseEndianness((ushort)header.tcm_info);
    }

    /// <summary>The link's index (tcm_ifindex).</summary>
    public int LinkIndex { get; }

    /// <summary>The filter's handle.</summary>
    public uint Handle { get; }

    /// <summary>The qdisc or class it hangs from.</summary>
    public uint Parent { get; }

    /// <summary>The priority.</summary>
    public ushort Priority { get; }

    /// <summary>The EtherType it sees, host byte order (<see cref="TrafficFilter.AllProtocols"/> for all).</summary>
    public ushort Protocol { get; }

    /// <summary>The classifier's kind in UTF-8 (TCA_KIND: "u32", "matchall", ...).</summary>
    public ReadOnlySpan<byte> KindUtf8 { get; private init; }

    /// <summary>The link its first mirred <c>egress redirect</c> action sends packets out of, 0 when it has none (u32 and matchall filters).</summary>
    public int RedirectLinkIndex { get; private init; }

    /// <summary>The kind as a string (allocates).</summary>
    /// <returns>The kind.</returns>
    public string GetKind() => Encoding.UTF8.GetString(KindUtf8);

    internal static TrafficFilterMessage Parse(ReadOnlySpan<byte> payload)
    {
        var message = TrafficControlAttributes.Parse(payload);
        var kind = message.Kind;
        var actions = kind.SequenceEqual(U32Kind) ? TcaU32.Act : kind.SequenceEqual(MatchallKind) ? TcaMatchall.Act : (ushort)0;
        return new TrafficFilterMessage(message.Header)
        {
            KindUtf8 = kind,
            RedirectLinkIndex = actions == 0 ? 0 : RedirectTarget(message.Options, actions),
        };
    }

    /// <summary>The ifindex of the first mirred egress redirect in the action list <paramref name="actionsType"/> of a filter's options.</summary>
    private static int RedirectTarget(ReadOnlySpan<byte> options, ushort actionsType)
    {
        foreach (var attribute in new NetlinkAttributeEnumerator(options))
        {
            if (attribute.Type != actionsType)
            {
                continue;
            }

            foreach (var action in attribute.Nested)
            {
                ReadOnlySpan<byte> actionKind = default, actionOptions = default;
                foreach (var part in action.Nested)
                {
                    switch (part.Type)
                    {
                        case TcaAct.Kind:
                            actionKind = part.GetStringUtf8();
                            break;
                        case TcaAct.Options:
                            actionOptions = part.Value;
                            break;
                    }
                }

                if (!actionKind.SequenceEqual(MirredKind))
                {
                    continue;
                }

                foreach (var mirredAttribute in new NetlinkAttributeEnumerator(actionOptions))
                {
                    if (mirredAttribute.Type == TcaMirred.Parms)
                    {
                        var parameters = FixedHeader.Read<tc_mirred>(mirredAttribute.Value, "tc_mirred");
                        if (parameters.eaction == TcaEaction.EgressRedir)
                        {
                            return (int)parameters.ifindex;
                        }
                    }
                }
            }
        }

        return 0;
    }
}
