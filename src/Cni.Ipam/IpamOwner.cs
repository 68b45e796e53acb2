namespace Cni.Ipam;

/// <summary>
/// Who holds an address: a container and its interface name on the network (the spec's attachment key).
/// A record written by old host-local versions holds only the container ID; its <see cref="IfName"/> is empty.
/// </summary>
/// <param name="ContainerId">The container ID (CNI_CONTAINERID), without surrounding white space.</param>
/// <param name="IfName">The interface name (CNI_IFNAME); empty for a legacy record.</param>
public readonly record struct IpamOwner(string ContainerId, string IfName)
{
    /// <summary>Whether this is a legacy record (container ID only), which matches any interface of its container.</summary>
    public bool IsLegacy => IfName.Length == 0;

    /// <summary>
    /// Whether a record held by this owner belongs to <paramref name="attachment"/>: the same container and
    /// interface, or the same container for a legacy record.
    /// </summary>
    /// <param name="attachment">The container and interface asking.</param>
    public bool Matches(IpamOwner attachment)
        => string.Equals(ContainerId, attachment.ContainerId, StringComparison.Ordinal)
        && (IsLegacy || string.Equals(IfName, attachment.IfName, StringComparison.Ordinal));
}
