namespace Cni.Internal.Results;

/// <summary>The JSON shapes a result takes across spec versions.</summary>
internal enum ResultShape
{
    /// <summary>0.1.0 and 0.2.0: <c>ip4</c>, <c>ip6</c>, <c>dns</c>.</summary>
    Legacy,

    /// <summary>0.3.0, 0.3.1 and 0.4.0: <c>interfaces</c>, <c>ips</c> with <c>version</c>, <c>routes</c>, <c>dns</c>.</summary>
    V04,

    /// <summary>1.0.0: as 0.4.0 without <c>ips[].version</c>.</summary>
    V100,

    /// <summary>
    /// 1.1.0: adds interface <c>mtu</c>/<c>socketPath</c>/<c>pciID</c> and route attributes; libcni
    /// (1.2 and later) prints it with sorted keys and without an empty <c>dns</c>.
    /// </summary>
    V110,
}
