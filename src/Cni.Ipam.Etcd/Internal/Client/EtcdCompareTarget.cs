namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>Which member of a key a transaction condition compares; the numbers are etcd's <c>Compare.CompareTarget</c>.</summary>
internal enum EtcdCompareTarget
{
    /// <summary>The revision that created the key; 0 when the key does not exist.</summary>
    Create = 1,

    /// <summary>The key's value.</summary>
    Value = 3,
}
