using System.Text.Json.Serialization;

namespace Cni.Ipam.Internal;

/// <summary>The <c>ipam.etcd</c> section.</summary>
[JsonSerializable(typeof(EtcdOptions))]
internal sealed partial class IpamEtcdJsonContext : JsonSerializerContext;
