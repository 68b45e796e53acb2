namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>The token later calls carry in their <c>token</c> metadata.</summary>
internal sealed class EtcdAuthenticateResponse
{
    public string? Token { get; set; }
}
