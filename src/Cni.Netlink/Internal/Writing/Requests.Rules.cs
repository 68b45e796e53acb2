using System.Net.Sockets;
using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Writing;

internal static partial class Requests
{
    /// <summary>RTM_NEWRULE or RTM_DELRULE, as <c>ip rule add|del</c> sends it.</summary>
    public static void Rule(ref NetlinkWriter writer, uint sequence, ushort type, ushort flags, in Rule rule)
    {
        var family = RuleFamily(rule);
        if (rule.Source is not null)
        {
            CheckPrefix(rule.SourcePrefixLength, family, nameof(rule));
        }

        if (rule.Destination is not null)
        {
            CheckPrefix(rule.DestinationPrefixLength, family, nameof(rule));
        }

        var adding = type == Rtm.NewRule;
        var table = rule.Table == 0 && adding ? Cni.Netlink.Route.MainTable : rule.Table;

        writer.BeginMessage(type, flags, sequence);
        ref var header = ref writer.Reserve<fib_rule_hdr>();
        header.family = family;
        header.src_len = rule.Source is null ? (byte)0 : (byte)rule.SourcePrefixLength;
        header.dst_len = rule.Destination is null ? (byte)0 : (byte)rule.DestinationPrefixLength;
        header.table = table <= byte.MaxValue ? (byte)table : RtTable.Unspec;
        header.action = rule.Action == RuleAction.Unspecified && adding ? (byte)RuleAction.ToTable : (byte)rule.Action;
        header.flags = rule.Invert ? FibRuleFlags.Invert : 0;

        if (table > byte.MaxValue)
        {
            writer.PutInt32(Fra.Table, table);
        }

        if (rule.Source is not null)
        {
            writer.PutAddress(Fra.Src, rule.Source);
        }

        if (rule.Destination is not null)
        {
            writer.PutAddress(Fra.Dst, rule.Destination);
        }

        if (rule.Priority is { } priority)
        {
            writer.PutUInt32(Fra.Priority, priority);
        }

        if (rule.InputInterface is not null)
        {
            writer.PutString(Fra.IifName, rule.InputInterface);
        }

        if (rule.OutputInterface is not null)
        {
            writer.PutString(Fra.OifName, rule.OutputInterface);
        }

        if (rule.FirewallMark is { } mark)
        {
            writer.PutUInt32(Fra.FwMark, mark);
        }

        if (rule.FirewallMask is { } mask)
        {
            writer.PutUInt32(Fra.FwMask, mask);
        }

        writer.EndMessage();
    }

    /// <summary>A rule dump; the kernel's strict check allows only the family in the request.</summary>
    public static void DumpRules(ref NetlinkWriter writer, uint sequence, byte family)
    {
        writer.BeginMessage(Rtm.GetRule, DumpRequest, sequence);
        writer.Reserve<fib_rule_hdr>().family = family;
        writer.EndMessage();
    }

    private static byte RuleFamily(in Rule rule)
    {
        var family = rule.Family switch
        {
            AddressFamily.Unspecified => rule.Source is not null ? AddressFamilies.Of(rule.Source)
                : rule.Destination is not null ? AddressFamilies.Of(rule.Destination)
                : AddressFamilies.Inet,
            _ => AddressFamilies.ToLinux(rule.Family),
        };

        if ((rule.Source is not null && AddressFamilies.Of(rule.Source) != family)
            || (rule.Destination is not null && AddressFamilies.Of(rule.Destination) != family))
        {
            ThrowHelper.ThrowArgument("A rule's source, destination and family must agree.", nameof(rule));
        }

        return family;
    }
}
