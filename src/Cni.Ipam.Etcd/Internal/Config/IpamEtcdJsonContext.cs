using System.Text.Json.Serialization;

namespace Cni.Ipam.Etcd.Internal.Config;

/// <summary>The <c>ipam.etcd</c> section.</summary>
[JsonSerializable(typeof(EtcdOptions))]
internal sealed partial class IpamEtcdJsonContext : JsonSerializerContext;
