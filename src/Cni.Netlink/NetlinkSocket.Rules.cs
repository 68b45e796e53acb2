using System.Net.Sockets;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

public sealed partial class NetlinkSocket
{
    /// <summary>Adds a routing rule (RTM_NEWRULE with NLM_F_CREATE | NLM_F_EXCL), as <c>ip rule add</c>.</summary>
    /// <param name="rule">The rule.</param>
    /// <exception cref="ArgumentException">The rule's addresses and family disagree, or a prefix length does not fit.</exception>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when the same rule is there).</exception>
    public void AddRule(in Rule rule) => RuleRequest(Rtm.NewRule, Requests.CreateExclusive, rule, "add rule");

    /// <summary>Deletes the first rule that matches, as <c>ip rule del</c>; unset fields match anything.</summary>
    /// <param name="rule">The rule.</param>
    /// <exception cref="ArgumentException">The rule's addresses and family disagree, or a prefix length does not fit.</exception>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsNotFound"/> when none matches).</exception>
    public void DeleteRule(in Rule rule) => RuleRequest(Rtm.DelRule, Requests.Ack, rule, "delete rule");

    /// <summary>Lists routing rules, the kernel's defaults (local, main, default) included.</summary>
    /// <param name="family">IPv4, IPv6, or <see cref="AddressFamily.Unspecified"/> for every family.</param>
    /// <returns>The rules, to read with <c>foreach</c>; valid until the next dump on this socket.</returns>
    /// <exception cref="NetlinkException">The dump failed.</exception>
    public NetlinkDump<RuleMessage> DumpRules(AddressFamily family = AddressFamily.Unspecified)
    {
        var linuxFamily = AddressFamilies.ToLinux(family);
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.DumpRules(ref writer, sequence, linuxFamily);
            var messages = Dump(_send.AsSpan(0, writer.Written.Length), sequence, "dump rules", out var generation, out var replySequence);
            return new NetlinkDump<RuleMessage>(this, messages, replySequence, generation);
        }
    }

    private void RuleRequest(ushort type, ushort flags, in Rule rule, string operation)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.Rule(ref writer, sequence, type, flags, rule);
            Acknowledge(writer.Written, sequence, operation);
        }
    }
}
