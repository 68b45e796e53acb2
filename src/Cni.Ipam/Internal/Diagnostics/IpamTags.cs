namespace Cni.Ipam.Internal.Diagnostics;

/// <summary>The attribute names Cni.Ipam puts on spans and measurements (docs/observability.md lists them); those it shares with Cni.Spec are spelt alike.</summary>
internal static class IpamTags
{
    public const string Command = "cni.command";
    public const string ContainerId = "cni.container_id";
    public const string IfName = "cni.ifname";
    public const string NetworkName = "cni.network.name";
    public const string ErrorCode = "cni.error.code";
    public const string Outcome = "cni.outcome";
    public const string Store = "cni.ipam.store";
    public const string Addresses = "cni.ipam.addresses";
    public const string RolledBack = "cni.ipam.rolled_back";
    public const string Address = "cni.ipam.address";
    public const string RangeSet = "cni.ipam.range_set";
    public const string StoreOutcome = "cni.ipam.store.outcome";

    public const string Success = "success";
    public const string Error = "error";

    /// <summary>
    /// The store's kind for <see cref="Store"/>: <c>file</c>, <c>memory</c>, or for any other store its type's name
    /// without an <c>Ipam</c> prefix and a <c>Store</c> suffix, in lower case (<c>etcd</c> for Cni.Ipam.Etcd's).
    /// </summary>
    public static string StoreKind(IIpamStore store)
    {
        switch (store)
        {
            case IpamFileStore:
                return "file";
            case IpamMemoryStore:
                return "memory";
            default:
                var name = store.GetType().Name.AsSpan();
                name = name.StartsWith("Ipam", StringComparison.Ordinal) && name.Length > 4 ? name[4..] : name;
                name = name.EndsWith("Store", StringComparison.Ordinal) && name.Length > 5 ? name[..^5] : name;
                return name.ToString().ToLowerInvariant();
        }
    }
}
