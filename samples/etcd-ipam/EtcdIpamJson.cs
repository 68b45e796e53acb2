using System.Text.Json.Serialization;
using Cni;

namespace EtcdIpam;

/// <summary>
/// Source-generated JSON metadata for the network configuration. etcd-ipam needs only the standard keys:
/// its own settings are under <c>ipam</c>, which Cni.Ipam reads.
/// </summary>
[JsonSerializable(typeof(NetworkConfig))]
internal sealed partial class EtcdIpamJson : JsonSerializerContext;
