using System.Net;

namespace Cni;

/// <summary>A route in a result (<c>routes[]</c>) or in an IPAM configuration.</summary>
public sealed class CniRoute
{
    /// <summary>The destination, for example <c>0.0.0.0/0</c>.</summary>
    public required IPCidr Destination { get; set; }

    /// <summary>The next hop; <see langword="null"/> means the plugin's default (usually the gateway).</summary>
    public IPAddress? Gateway { get; set; }

    /// <summary>The route MTU (1.1.0 and later).</summary>
    public int? Mtu { get; set; }

    /// <summary>The advertised MSS (1.1.0 and later).</summary>
    public int? AdvMss { get; set; }

    /// <summary>The route priority (metric) (1.1.0 and later).</summary>
    public int? Priority { get; set; }

    /// <summary>The routing table (1.1.0 and later).</summary>
    public int? Table { get; set; }

    /// <summary>The route scope, for example 0 (universe) or 253 (link) (1.1.0 and later).</summary>
    public int? Scope { get; set; }

    /// <summary>
    /// The 0.1.0/0.2.0 section the route was read from (<c>ip4</c>: true, <c>ip6</c>: false), or null.
    /// libcni copies those sections as they are between 0.1.0 and 0.2.0, so a route stays in its
    /// section there even when its destination is of the other family.
    /// </summary>
    internal bool? LegacyIPv4Section { get; set; }
}
