using System.Text.Json.Serialization;
using Bridge;

namespace Cni.Samples.Tests.Config;

/// <summary>
/// The bridge's keys as they were declared for System.Text.Json before <see cref="BridgeConfig.Read"/> read
/// them by hand: the generated metadata for this type is what the hand reader is held to.
/// </summary>
public sealed class GeneratedBridgeConfig : NetworkConfig
{
    [JsonPropertyName("bridge")]
    public string BridgeName { get; set; } = "cni0";

    [JsonPropertyName("isGateway")]
    public bool IsGateway { get; set; }

    [JsonPropertyName("isDefaultGateway")]
    public bool IsDefaultGateway { get; set; }

    [JsonPropertyName("forceAddress")]
    public bool ForceAddress { get; set; }

    [JsonPropertyName("mtu")]
    public int Mtu { get; set; }

    [JsonPropertyName("hairpinMode")]
    public bool HairpinMode { get; set; }

    [JsonPropertyName("promiscMode")]
    public bool PromiscMode { get; set; }

    [JsonPropertyName("vlan")]
    public int Vlan { get; set; }

    [JsonPropertyName("vlanTrunk")]
    public IReadOnlyList<GeneratedVlanTrunkEntry?>? VlanTrunk { get; set; }

    [JsonPropertyName("preserveDefaultVlan")]
    public bool PreserveDefaultVlan { get; set; } = true;

    [JsonPropertyName("enabledad")]
    public bool EnableDad { get; set; }

    [JsonPropertyName("portIsolation")]
    public bool PortIsolation { get; set; }

    [JsonPropertyName("disableContainerInterface")]
    public bool DisableContainerInterface { get; set; }

    [JsonPropertyName("macspoofchk")]
    public bool MacSpoofCheck { get; set; }

    [JsonPropertyName("ipMasqBackend")]
    public string? IPMasqBackend { get; set; }

    /// <summary>What the hand reader read, in this shape, to be written with the same metadata.</summary>
    public static GeneratedBridgeConfig From(BridgeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var copy = new GeneratedBridgeConfig
        {
            BridgeName = config.BridgeName,
            IsGateway = config.IsGateway,
            IsDefaultGateway = config.IsDefaultGateway,
            ForceAddress = config.ForceAddress,
            Mtu = config.Mtu,
            HairpinMode = config.HairpinMode,
            PromiscMode = config.PromiscMode,
            Vlan = config.Vlan,
            VlanTrunk = config.VlanTrunk?.Select(GeneratedVlanTrunkEntry.From).ToArray(),
            PreserveDefaultVlan = config.PreserveDefaultVlan,
            EnableDad = config.EnableDad,
            PortIsolation = config.PortIsolation,
            DisableContainerInterface = config.DisableContainerInterface,
            MacSpoofCheck = config.MacSpoofCheck,
            IPMasqBackend = config.IPMasqBackend,
        };
        ConfigComparison.CopyStandardKeys(config, copy);
        return copy;
    }
}
