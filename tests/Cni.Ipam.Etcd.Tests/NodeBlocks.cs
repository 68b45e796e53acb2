namespace Cni.Ipam.Etcd.Tests;

/// <summary>Node block settings for tests: each test under its own prefix, 2 s leases.</summary>
internal static class NodeBlocks
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    public static EtcdOptions Etcd(IEnumerable<Uri> endpoints) => new() { Endpoints = [.. endpoints] };

    public static NodeBlockOptions Options(string prefix, string cidr = "10.244.0.0/16", int gracePeriodSeconds = 60, TimeSpan? leaseTtl = null)
        => new()
        {
            ClusterCidr = IPCidr.Parse(cidr),
            LeaseTtl = leaseTtl ?? Ttl,
            GracePeriod = TimeSpan.FromSeconds(gracePeriodSeconds),
            Prefix = prefix,
        };

    public static string NewPrefix() => $"/cnit/{Guid.NewGuid():N}";
}
