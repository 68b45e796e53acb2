using System.Text.Json.Serialization;
using Cni;

namespace Ptp;

/// <summary>
/// The ptp plugin's configuration: the standard keys (from <see cref="NetworkConfig"/>: name,
/// ipam, ipMasq, dns) plus the reference plugin's own. The reference reads no CNI_ARGS and has
/// no L2 mode: <c>ipam</c> is required. The reader is generated from the keys' [JsonPropertyName]
/// ([GenerateConfigReader]: <c>PtpConfig.Read</c>, no System.Text.Json metadata built at start-up).
/// </summary>
[GenerateConfigReader]
public sealed partial class PtpConfig : NetworkConfig
{
    /// <summary>MTU of both veth ends; 0 leaves the kernel's default (<c>mtu</c>).</summary>
    [JsonPropertyName("mtu")]
    public int Mtu { get; set; }

    /// <summary>How to masquerade (<c>ipMasqBackend</c>, reference 1.5+): <c>iptables</c> (the default) or <c>nftables</c>.</summary>
    [JsonPropertyName("ipMasqBackend")]
    public string? IPMasqBackend { get; set; }
}
