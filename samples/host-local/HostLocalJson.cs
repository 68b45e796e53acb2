using System.Text.Json.Serialization;
using Cni;

namespace HostLocal;

/// <summary>
/// Source-generated JSON metadata for the network configuration. host-local needs only the standard keys:
/// its own settings are under <c>ipam</c>, which Cni.Ipam reads.
/// </summary>
[JsonSerializable(typeof(NetworkConfig))]
internal sealed partial class HostLocalJson : JsonSerializerContext;
