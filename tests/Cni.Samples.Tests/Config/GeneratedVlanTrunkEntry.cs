using System.Text.Json.Serialization;
using Bridge;

namespace Cni.Samples.Tests.Config;

/// <summary>One <c>vlanTrunk</c> entry as it was declared for System.Text.Json (see <see cref="GeneratedBridgeConfig"/>).</summary>
public sealed class GeneratedVlanTrunkEntry
{
    [JsonPropertyName("minID")]
    public int? MinId { get; set; }

    [JsonPropertyName("maxID")]
    public int? MaxId { get; set; }

    [JsonPropertyName("id")]
    public int? Id { get; set; }

    public static GeneratedVlanTrunkEntry? From(VlanTrunkEntry? entry)
        => entry is null ? null : new() { MinId = entry.MinId, MaxId = entry.MaxId, Id = entry.Id };
}
