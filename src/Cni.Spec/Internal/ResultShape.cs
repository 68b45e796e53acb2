namespace Cni.Internal;

/// <summary>The JSON shapes a result takes across spec versions (libcni's three result types).</summary>
internal enum ResultShape
{
    /// <summary>0.1.0 and 0.2.0: <c>ip4</c>, <c>ip6</c>, <c>dns</c>.</summary>
    Legacy,

    /// <summary>0.3.0, 0.3.1 and 0.4.0: <c>interfaces</c>, <c>ips</c> with <c>version</c>, <c>routes</c>, <c>dns</c>.</summary>
    V04,

    /// <summary>1.0.0 and 1.1.0: as 0.4.0 without <c>ips[].version</c>, with the 1.1.0 interface fields.</summary>
    V1,
}
