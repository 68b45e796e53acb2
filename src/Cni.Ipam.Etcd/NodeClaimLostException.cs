namespace Cni.Ipam.Etcd;

/// <summary>
/// A node's claim on its block ended without being released: etcd no longer has its lease (it expired or
/// was revoked, for example because another process claimed under the same name), or no renewal succeeded
/// for a whole lease TTL. The node's peers may have dropped it; claim again.
/// </summary>
public sealed class NodeClaimLostException : Exception
{
    /// <summary>Creates the exception for <paramref name="nodeName"/>.</summary>
    /// <param name="nodeName">The node whose claim was lost.</param>
    /// <param name="message">Why.</param>
    /// <param name="innerException">The last failure, if any.</param>
    public NodeClaimLostException(string nodeName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        NodeName = nodeName;
    }

    /// <summary>The node whose claim was lost.</summary>
    public string NodeName { get; }
}
