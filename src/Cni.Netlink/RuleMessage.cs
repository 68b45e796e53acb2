using System.Net;
using System.Net.Sockets;
using System.Text;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A routing rule as the kernel described it (RTM_NEWRULE), read in place.</summary>
public readonly ref struct RuleMessage : INetlinkMessage<RuleMessage>
{
    static ushort INetlinkMessage<RuleMessage>.MessageType => Rtm.NewRule;

    static RuleMessage INetlinkMessage<RuleMessage>.Parse(ReadOnlySpan<byte> payload) => Parse(payload);

    private readonly byte _family;

    private RuleMessage(fib_rule_hdr header)
    {
        _family = header.family;
        SourcePrefixLength = header.src_len;
        DestinationPrefixLength = header.dst_len;
        Action = (RuleAction)header.action;
        Invert = (header.flags & FibRuleFlags.Invert) != 0;
    }

    /// <summary>IPv4 or IPv6 (<see cref="AddressFamily.Unknown"/> for the multicast routing families).</summary>
    public AddressFamily Family => AddressFamilies.FromLinux(_family);

    /// <summary>The priority (FRA_PRIORITY).</summary>
    public uint Priority { get; private init; }

    /// <summary>The table (FRA_TABLE, else the header's): 254 main, 255 local.</summary>
    public int Table { get; private init; }

    /// <summary>What the rule does.</summary>
    public RuleAction Action { get; }

    /// <summary>Whether the selectors are inverted (FIB_RULE_INVERT).</summary>
    public bool Invert { get; }

    /// <summary>The source prefix (FRA_SRC) in network byte order, empty for any.</summary>
    public ReadOnlySpan<byte> SourceBytes { get; private init; }

    /// <summary>The source prefix length.</summary>
    public int SourcePrefixLength { get; }

    /// <summary>The destination prefix (FRA_DST) in network byte order, empty for any.</summary>
    public ReadOnlySpan<byte> DestinationBytes { get; private init; }

    /// <summary>The destination prefix length.</summary>
    public int DestinationPrefixLength { get; }

    /// <summary>The input interface's name in UTF-8 (FRA_IIFNAME), empty for any.</summary>
    public ReadOnlySpan<byte> InputInterfaceUtf8 { get; private init; }

    /// <summary>The output interface's name in UTF-8 (FRA_OIFNAME), empty for any.</summary>
    public ReadOnlySpan<byte> OutputInterfaceUtf8 { get; private init; }

    /// <summary>The firewall mark (FRA_FWMARK), 0 when none.</summary>
    public uint FirewallMark { get; private init; }

    /// <summary>The firewall mark's mask (FRA_FWMASK), 0 when none.</summary>
    public uint FirewallMask { get; private init; }

    /// <summary>The source prefix (allocates), or <see langword="null"/> for any.</summary>
    /// <returns>The address.</returns>
    public IPAddress? GetSource() => SourceBytes.IsEmpty ? null : new IPAddress(SourceBytes);

    /// <summary>The destination prefix (allocates), or <see langword="null"/> for any.</summary>
    /// <returns>The address.</returns>
    public IPAddress? GetDestination() => DestinationBytes.IsEmpty ? null : new IPAddress(DestinationBytes);

    /// <summary>The input interface's name (allocates), or <see langword="null"/>.</summary>
    /// <returns>The name.</returns>
    public string? GetInputInterface() => InputInterfaceUtf8.IsEmpty ? null : Encoding.UTF8.GetString(InputInterfaceUtf8);

    /// <summary>The output interface's name (allocates), or <see langword="null"/>.</summary>
    /// <returns>The name.</returns>
    public string? GetOutputInterface() => OutputInterfaceUtf8.IsEmpty ? null : Encoding.UTF8.GetString(OutputInterfaceUtf8);

    /// <summary>
    /// An owned copy of the rule (allocates), to keep after the message's buffer is reused; it deletes
    /// this very rule when passed to <see cref="NetlinkSocket.DeleteRule(in Rule)"/>. A mark or mask of 0
    /// (what the kernel reports when the rule has none) becomes <see langword="null"/>.
    /// </summary>
    /// <returns>The copy.</returns>
    public Rule ToRule() => new()
    {
        Family = Family,
        Priority = Priority,
        Table = Table,
        Action = Action,
        Source = GetSource(),
        SourcePrefixLength = SourcePrefixLength,
        Destination = GetDestination(),
        DestinationPrefixLength = DestinationPrefixLength,
        InputInterface = GetInputInterface(),
        OutputInterface = GetOutputInterface(),
        FirewallMark = FirewallMark == 0 ? null : FirewallMark,
        FirewallMask = FirewallMask == 0 ? null : FirewallMask,
        Invert = Invert,
    };

    internal static RuleMessage Parse(ReadOnlySpan<byte> payload)
    {
        var attributes = NetlinkAttributeEnumerator.AfterHeader(payload, out fib_rule_hdr header);
        ReadOnlySpan<byte> source = default, destination = default, input = default, output = default;
        int table = header.table;
        uint priority = 0, mark = 0, mask = 0;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case Fra.Src:
                    source = AddressMessage.ValidAddress(attribute.Value);
                    break;
                case Fra.Dst:
                    destination = AddressMessage.ValidAddress(attribute.Value);
                    break;
                case Fra.IifName:
                    input = attribute.GetStringUtf8();
                    break;
                case Fra.OifName:
                    output = attribute.GetStringUtf8();
                    break;
                case Fra.Priority:
                    priority = attribute.GetUInt32();
                    break;
                case Fra.Table:
                    table = attribute.GetInt32();
                    break;
                case Fra.FwMark:
                    mark = attribute.GetUInt32();
                    break;
                case Fra.FwMask:
                    mask = attribute.GetUInt32();
                    break;
            }
        }

        return new RuleMessage(header)
        {
            Priority = priority,
            Table = table,
            SourceBytes = source,
            DestinationBytes = destination,
            InputInterfaceUtf8 = input,
            OutputInterfaceUtf8 = output,
            FirewallMark = mark,
            FirewallMask = mask,
        };
    }
}
