using System.Net;
using System.Text.Json;

namespace Cni.Ipam;

/// <summary>
/// Everything an allocation needs, validated and defaulted exactly as the reference host-local does:
/// the range sets (runtime <c>ipRanges</c> first, then the legacy top-level range, then <c>ranges</c>),
/// routes, the requested addresses, the data directory and the resolv.conf to report. Build it with
/// <see cref="Load(NetworkConfig, CniArgs)"/>.
/// </summary>
public sealed partial class IpamConfiguration
{
    /// <summary>Where the file store keeps allocations when <c>dataDir</c> is absent.</summary>
    public const string DefaultDataDir = "/var/lib/cni/networks";

    private IpamConfiguration()
    {
    }

    /// <summary>The network's name (<c>name</c>): the file store's directory under <see cref="DataDir"/>.</summary>
    public string NetworkName { get; private init; } = "";

    /// <summary>The configuration's <c>cniVersion</c>.</summary>
    public CniVersion CniVersion { get; private init; } = CniVersion.V010;

    /// <summary>The state directory (<c>ipam.dataDir</c>, or <see cref="DefaultDataDir"/>).</summary>
    public string DataDir { get; private init; } = DefaultDataDir;

    /// <summary>The range sets, in allocation order; a set's index is its position here.</summary>
    public IReadOnlyList<IpamRangeSet> RangeSets { get; private init; } = [];

    /// <summary>The routes to report (<c>ipam.routes</c>).</summary>
    public IReadOnlyList<CniRoute> Routes { get; private init; } = [];

    /// <summary>The resolv.conf-format file whose settings ADD reports as <c>dns</c> (<c>ipam.resolvConf</c>), or <see langword="null"/>.</summary>
    public string? ResolvConf { get; private init; }

    /// <summary>
    /// The addresses asked for, in order: CNI_ARGS <c>IP</c> (a comma-separated list), then <c>args.cni.ips</c>,
    /// then <c>runtimeConfig.ips</c>. Each must fall in a different range set.
    /// </summary>
    public IReadOnlyList<IPAddress> RequestedAddresses { get; private init; } = [];

    /// <summary>The whole <c>ipam</c> object, for stores that read keys of their own.</summary>
    public JsonElement IpamJson { get; private init; }
}
