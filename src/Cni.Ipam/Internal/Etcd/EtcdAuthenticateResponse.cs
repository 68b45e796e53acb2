namespace Cni.Ipam.Internal.Etcd;

/// <summary>The token later requests carry in their <c>Authorization</c> header.</summary>
internal sealed class EtcdAuthenticateResponse
{
    public string? Token { get; set; }
}
