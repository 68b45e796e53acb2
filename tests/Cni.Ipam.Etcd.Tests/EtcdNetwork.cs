using System.Text;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>Network configurations for the etcd store, each under its own key prefix.</summary>
internal static class EtcdNetwork
{
    public static IpamConfiguration Config(IEnumerable<Uri> endpoints, string subnet = "10.22.0.0/16", string? extra = null, string timeout = "5s", string? prefix = null)
    {
        prefix ??= $"/cnit/{Guid.NewGuid():N}";
        var urls = string.Join(',', endpoints.Select(u => $"\"{u}\""));
        var etcd = $"{{\"endpoints\":[{urls}],\"prefix\":\"{prefix}\",\"timeout\":\"{timeout}\"{extra}}}";
        var json = $$"""
            {"cniVersion":"1.1.0","name":"cnit-net","type":"etcd-ipam",
             "ipam":{"type":"etcd-ipam","subnet":"{{subnet}}","etcd":{{etcd}} } }
            """;
        return IpamConfiguration.Load(NetworkConfig.Parse(Encoding.UTF8.GetBytes(json)), CniArgs.Empty);
    }

    public static string PrefixOf(IpamConfiguration config)
        => config.IpamJson.GetProperty("etcd").GetProperty("prefix").GetString()!;
}
