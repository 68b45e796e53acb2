using System.Text.Json;
using System.Text.Json.Serialization;
using Cni;

namespace Bridge;

/// <summary>
/// The bridge plugin's configuration: the standard keys (from <see cref="NetworkConfig"/>: name,
/// ipam, ipMasq, dns, args, runtimeConfig) plus the reference plugin's own keys, with its defaults.
/// </summary>
public sealed class BridgeConfig : NetworkConfig
{
    /// <summary>The Linux bridge to create or reuse (<c>bridge</c>, default <c>cni0</c>).</summary>
    [JsonPropertyName("bridge")]
    public string BridgeName { get; set; } = "cni0";

    /// <summary>Put the gateway address on the bridge and let the node forward (<c>isGateway</c>).</summary>
    [JsonPropertyName("isGateway")]
    public bool IsGateway { get; set; }

    /// <summary>Give the container a default route through the bridge; implies <see cref="IsGateway"/> (<c>isDefaultGateway</c>).</summary>
    [JsonPropertyName("isDefaultGateway")]
    public bool IsDefaultGateway { get; set; }

    /// <summary>Replace a different address already on the bridge instead of failing (<c>forceAddress</c>).</summary>
    [JsonPropertyName("forceAddress")]
    public bool ForceAddress { get; set; }

    /// <summary>MTU of a new bridge and of both veth ends; 0 leaves the kernel's default (<c>mtu</c>).</summary>
    [JsonPropertyName("mtu")]
    public int Mtu { get; set; }

    /// <summary>Let frames go back out of the port they came in on (<c>hairpinMode</c>).</summary>
    [JsonPropertyName("hairpinMode")]
    public bool HairpinMode { get; set; }

    /// <summary>Put the bridge in promiscuous mode (<c>promiscMode</c>).</summary>
    [JsonPropertyName("promiscMode")]
    public bool PromiscMode { get; set; }

    /// <summary>The VLAN the container's port belongs to, 0 for none (<c>vlan</c>).</summary>
    [JsonPropertyName("vlan")]
    public int Vlan { get; set; }

    /// <summary>Keep IPv6 duplicate address detection on the container's interface (<c>enabledad</c>).</summary>
    [JsonPropertyName("enabledad")]
    public bool EnableDad { get; set; }

    /// <summary>Isolate the container's port from the bridge's other isolated ports (<c>portIsolation</c>, reference 1.5+).</summary>
    [JsonPropertyName("portIsolation")]
    public bool PortIsolation { get; set; }

    /// <summary>Leave the container's interface down; only without IPAM (<c>disableContainerInterface</c>, reference 1.4+).</summary>
    [JsonPropertyName("disableContainerInterface")]
    public bool DisableContainerInterface { get; set; }

    /// <summary>Drop frames from the container with another source MAC (<c>macspoofchk</c>, nftables rules).</summary>
    [JsonPropertyName("macspoofchk")]
    public bool MacSpoofCheck { get; set; }

    /// <summary>How to masquerade (<c>ipMasqBackend</c>, reference 1.5+): <c>iptables</c> (the default) or <c>nftables</c>.</summary>
    [JsonPropertyName("ipMasqBackend")]
    public string? IPMasqBackend { get; set; }

    /// <summary>True when an IPAM plugin names the addresses (L3); false for a plain L2 attachment.</summary>
    [JsonIgnore]
    public bool HasIpam => !string.IsNullOrEmpty(Ipam?.Type);

    /// <summary>
    /// The checks the reference makes before it touches anything: the VLAN range and the
    /// CNI_ARGS keys it knows (only <c>MAC</c>).
    /// </summary>
    public void Validate(CniArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (Vlan is < 0 or > 4094)
        {
            throw new CniException($"invalid VLAN ID {Vlan} (must be between 0 and 4094)");
        }

        args.EnsureKnownKeys("MAC");
        if (IsDefaultGateway)
        {
            IsGateway = true;
        }
    }

    /// <summary>
    /// ADD's extra checks: hairpin and promiscuous mode exclude each other, a disabled container
    /// interface cannot take addresses, and an unknown masquerade backend is refused.
    /// </summary>
    public void ValidateForAdd(CniArgs args)
    {
        Validate(args);
        if (DisableContainerInterface && HasIpam)
        {
            throw new CniException("cannot use IPAM when DisableContainerInterface flag is set");
        }

        if (HairpinMode && PromiscMode)
        {
            throw new CniException("cannot set hairpin mode and promiscuous mode at the same time.");
        }

        if (IPMasq)
        {
            _ = IpMasquerade.Backend(IPMasqBackend);
        }
    }

    /// <summary>
    /// The MAC address asked for the container's interface, if any: runtimeConfig's <c>mac</c>
    /// (capability), else <c>args.cni.mac</c>, else CNI_ARGS <c>MAC=</c>.
    /// </summary>
    public string? ContainerMac(CniArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!string.IsNullOrEmpty(RuntimeConfig?.Mac))
        {
            return RuntimeConfig.Mac;
        }

        if (Args is { ValueKind: JsonValueKind.Object } json
            && json.TryGetProperty("cni"u8, out var cni)
            && cni.ValueKind == JsonValueKind.Object
            && cni.TryGetProperty("mac"u8, out var mac)
            && mac.ValueKind == JsonValueKind.String
            && mac.GetString() is { Length: > 0 } fromArgs)
        {
            return fromArgs;
        }

        return string.IsNullOrEmpty(args.Mac) ? null : args.Mac;
    }
}
