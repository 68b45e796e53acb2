using Cni;

namespace Bridge;

/// <summary>
/// One entry of <c>vlanTrunk</c> (reference 1.3+): a single VLAN <c>{"id": 100}</c> or a range
/// <c>{"minID": 200, "maxID": 299}</c>. The port carries these VLANs tagged.
/// </summary>
public sealed class VlanTrunkEntry
{
    /// <summary>The first VLAN of a range (<c>minID</c>); needs <see cref="MaxId"/>.</summary>
    public int? MinId { get; set; }

    /// <summary>The last VLAN of a range (<c>maxID</c>); needs <see cref="MinId"/>.</summary>
    public int? MaxId { get; set; }

    /// <summary>A single VLAN (<c>id</c>).</summary>
    public int? Id { get; set; }

    /// <summary>Reads one entry of <c>vlanTrunk</c>; an absent or <c>null</c> id stays unset.</summary>
    public static VlanTrunkEntry Read(ConfigObject json) => new()
    {
        MinId = json.GetNullableInt32("minID"),
        MaxId = json.GetNullableInt32("maxID"),
        Id = json.GetNullableInt32("id"),
    };
}
