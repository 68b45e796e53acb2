namespace Cni.Internal.Results;

/// <summary>The JSON shapes a result takes across spec versions.</summary>
internal enum ResultShape
{
    /// <summary>0.1.0 and 0.2.0: <c>ip4</c>, <c>ip6</c>, <c>dns</c>.</summary>
    Legacy,

    /// <summary>0.3.0, 0.3.1 and 0.4.0: <c>interfaces</c>, <c>ips</c> with <c>version</c>, <c>routes</c>, <c>dns</c>.</summary>
    V04,

    /// <summary>
    /// 1.0.0: as 0.4.0 without <c>ips[].version</c>. Read with interface <c>mtu</c>/<c>socketPath</c>/<c>pciID</c>
    /// (libcni 1.2+ reads 1.0.0 and 1.1.0 with one Go type); written without them and without the route
    /// attributes, as libcni 1.1 writes it.
    /// </summary>
    V100,

    /// <summary>
    /// 1.1.0: read as 1.0.0 (interface <c>mtu</c>/<c>socketPath</c>/<c>pciID</c>; route <c>mtu</c>/<c>advmss</c>/
    /// <c>priority</c>/<c>table</c>/<c>scope</c>, which every version reads); written as libcni 1.2 and later
    /// write it: with those fields, keys sorted, no empty <c>dns</c> (docs/results.md).
    /// </summary>
    V110,
}
