using System.Net;

namespace Cni;

/// <summary>An address in a result (<c>ips[]</c>).</summary>
public sealed class CniIPConfig
{
    /// <summary>The address with its prefix length, for example <c>10.1.0.5/24</c>.</summary>
    public required IPCidr Address { get; set; }

    /// <summary>The default gateway for this subnet, if any.</summary>
    public IPAddress? Gateway { get; set; }

    /// <summary>The index into <see cref="CniResult.Interfaces"/> of the interface this address is on, if known.</summary>
    public int? Interface { get; set; }
}
