using System.Net;
using System.Net.Sockets;

namespace Cni.Netlink;

/// <summary>
/// A policy routing rule to add or delete, as <c>ip rule add from 10.1.0.5/32 table 100 priority
/// 1000</c> (what source-based routing in a CNI plugin installs). Set what matters; in a delete,
/// unset fields match anything. A struct, so building one allocates nothing.
/// </summary>
public record struct Rule
{
    /// <summary>IPv4 or IPv6; <see cref="AddressFamily.Unspecified"/> takes it from <see cref="Source"/> or <see cref="Destination"/>, else IPv4 (as <c>ip rule</c>).</summary>
    public AddressFamily Family { get; set; }

    /// <summary>The priority (FRA_PRIORITY): lower runs first; <see langword="null"/> lets the kernel pick on add and matches any in a delete.</summary>
    public uint? Priority { get; set; }

    /// <summary>The table to look up; 0 means main on add and any in a delete.</summary>
    public int Table { get; set; }

    /// <summary>What the rule does; <see cref="RuleAction.Unspecified"/> means <see cref="RuleAction.ToTable"/> on add and any in a delete.</summary>
    public RuleAction Action { get; set; }

    /// <summary>The source prefix to match (<c>from</c>, FRA_SRC), <see langword="null"/> for any.</summary>
    public IPAddress? Source { get; set; }

    /// <summary>The source prefix length.</summary>
    public int SourcePrefixLength { get; set; }

    /// <summary>The destination prefix to match (<c>to</c>, FRA_DST), <see langword="null"/> for any.</summary>
    public IPAddress? Destination { get; set; }

    /// <summary>The destination prefix length.</summary>
    public int DestinationPrefixLength { get; set; }

    /// <summary>The input interface's name to match (<c>iif</c>, FRA_IIFNAME).</summary>
    public string? InputInterface { get; set; }

    /// <summary>The output interface's name to match (<c>oif</c>, FRA_OIFNAME).</summary>
    public string? OutputInterface { get; set; }

    /// <summary>The firewall mark to match (<c>fwmark</c>, FRA_FWMARK).</summary>
    public uint? FirewallMark { get; set; }

    /// <summary>The mask applied to the mark before comparing (FRA_FWMASK).</summary>
    public uint? FirewallMask { get; set; }

    /// <summary>Match what the selectors do not (<c>not</c>, FIB_RULE_INVERT).</summary>
    public bool Invert { get; set; }
}
