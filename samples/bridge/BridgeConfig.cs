using System.Text.Json;
using System.Text.Json.Serialization;
using Cni;
using Cni.Netlink;

namespace Bridge;

/// <summary>
/// The bridge plugin's configuration: the standard keys (from <see cref="NetworkConfig"/>: name,
/// ipam, ipMasq, dns, args, runtimeConfig) plus the reference plugin's own keys, with its defaults.
/// Each key is named once, by its [JsonPropertyName]; Cni.Spec's generator writes the reader from them
/// ([GenerateConfigReader]: <c>BridgeConfig.Read</c>, no System.Text.Json metadata built at start-up).
/// </summary>
[GenerateConfigReader]
public sealed partial class BridgeConfig : NetworkConfig
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

    /// <summary>VLANs the container's port carries tagged (<c>vlanTrunk</c>, reference 1.3+); excludes <see cref="Vlan"/>.</summary>
    [JsonPropertyName("vlanTrunk")]
    public IReadOnlyList<VlanTrunkEntry?>? VlanTrunk { get; set; }

    /// <summary>
    /// Keep the bridge's default VLAN (PVID 1) on the container's port when <see cref="Vlan"/> or
    /// <see cref="VlanTrunk"/> is set (<c>preserveDefaultVlan</c>, reference 1.3+, default true).
    /// </summary>
    [JsonPropertyName("preserveDefaultVlan")]
    public bool PreserveDefaultVlan { get; set; } = true;

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
    public bool HasIpam => !string.IsNullOrEmpty(Ipam?.Type);

    /// <summary>The trunk's VLAN ids, each once and in order (set by <see cref="Validate"/>); empty without a trunk.</summary>
    public IReadOnlyList<ushort> TrunkVlans { get; private set; } = [];

    /// <summary>Whether the bridge filters by VLAN: a <c>vlan</c>, or a <c>vlanTrunk</c> key (even an empty one), as the reference decides.</summary>
    public bool UsesVlans => Vlan != 0 || VlanTrunk is not null;

    /// <summary>
    /// The checks the reference makes before it touches anything, for every verb: the VLAN and
    /// trunk ranges, not both a VLAN and a trunk, and the CNI_ARGS keys it knows (only <c>MAC</c>).
    /// </summary>
    public void Validate(CniArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (Vlan is < 0 or > 4094)
        {
            throw new CniException($"invalid VLAN ID {Vlan} (must be between 0 and 4094)");
        }

        TrunkVlans = CollectTrunk(VlanTrunk);
        if (Vlan > 0 && TrunkVlans.Count > 0)
        {
            // As the reference 1.3 to 1.7: a port is an access port or a trunk, not both.
            throw new CniException("cannot set vlan and vlanTrunk at the same time");
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
            _ = IpMasquerade.ParseBackend(IPMasqBackend);
        }
    }

    // The reference's checks and messages, entry by entry: a range needs both ends, in 1..4094
    // and in order; a single id must be in 1..4094. The union is returned sorted.
    private static ushort[] CollectTrunk(IReadOnlyList<VlanTrunkEntry?>? trunk)
    {
        if (trunk is null)
        {
            return [];
        }

        var vlans = new SortedSet<ushort>();
        foreach (var entry in trunk)
        {
            if (entry is null)
            {
                continue;
            }

            switch (entry)
            {
                case { MinId: { } min, MaxId: { } max }:
                    if (min is <= 0 or > BridgeVlan.MaxId)
                    {
                        throw new CniException("incorrect trunk minID parameter");
                    }

                    if (max is <= 0 or > BridgeVlan.MaxId)
                    {
                        throw new CniException("incorrect trunk maxID parameter");
                    }

                    if (max < min)
                    {
                        throw new CniException("minID is greater than maxID in trunk parameter");
                    }

                    for (var id = min; id <= max; id++)
                    {
                        vlans.Add((ushort)id);
                    }

                    break;
                case { MinId: null, MaxId: not null }:
                    throw new CniException("minID and maxID should be configured simultaneously, minID is missing");
                case { MinId: not null, MaxId: null }:
                    throw new CniException("minID and maxID should be configured simultaneously, maxID is missing");
            }

            if (entry.Id is { } single)
            {
                vlans.Add(single is > 0 and <= BridgeVlan.MaxId ? (ushort)single : throw new CniException("incorrect trunk id parameter"));
            }
        }

        return [.. vlans];
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
