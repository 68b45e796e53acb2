using System.Text.Json.Serialization;
using Cni;

namespace Bridge;

/// <summary>
/// One entry of <c>vlanTrunk</c> (reference 1.3+): a single VLAN <c>{"id": 100}</c> or a range
/// <c>{"minID": 200, "maxID": 299}</c>. The port carries these VLANs tagged.
/// </summary>
[GenerateConfigReader]
public sealed partial class VlanTrunkEntry
{
    /// <summary>The first VLAN of a range (<c>minID</c>); needs <see cref="MaxId"/>.</summary>
    [JsonPropertyName("minID")]
    public int? MinId { get; set; }

    /// <summary>The last VLAN of a range (<c>maxID</c>); needs <see cref="MinId"/>.</summary>
    [JsonPropertyName("maxID")]
    public int? MaxId { get; set; }

    /// <summary>A single VLAN (<c>id</c>).</summary>
    [JsonPropertyName("id")]
    public int? Id { get; set; }
}
