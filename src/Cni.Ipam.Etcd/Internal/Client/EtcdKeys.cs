namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>Key arithmetic etcd ranges need.</summary>
internal static class EtcdKeys
{
    /// <summary>
    /// The first key after every key that starts with <paramref name="prefix"/>: the prefix with its last
    /// byte below 0xff incremented and what follows dropped (etcd's own rule for prefix ranges).
    /// </summary>
    public static byte[] PrefixEnd(ReadOnlySpan<byte> prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] < 0xff)
            {
                var end = prefix[..(i + 1)].ToArray();
                end[i]++;
                return end;
            }
        }

        // Every byte is 0xff: the range runs to the end of the key space, which etcd spells "\0".
        return [0];
    }
}
