using System.Text.Json.Serialization;
using Ptp;

namespace Cni.Samples.Tests.Config;

/// <summary>
/// ptp's keys as they were declared for System.Text.Json before <see cref="PtpConfig.Read"/> read them by
/// hand: the generated metadata for this type is what the hand reader is held to.
/// </summary>
public sealed class GeneratedPtpConfig : NetworkConfig
{
    [JsonPropertyName("mtu")]
    public int Mtu { get; set; }

    [JsonPropertyName("ipMasqBackend")]
    public string? IPMasqBackend { get; set; }

    /// <summary>What the hand reader read, in this shape, to be written with the same metadata.</summary>
    public static GeneratedPtpConfig From(PtpConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var copy = new GeneratedPtpConfig { Mtu = config.Mtu, IPMasqBackend = config.IPMasqBackend };
        ConfigComparison.CopyStandardKeys(config, copy);
        return copy;
    }
}
