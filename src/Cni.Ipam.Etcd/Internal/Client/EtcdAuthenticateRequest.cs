namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary><c>Auth/Authenticate</c>: user and password for a token.</summary>
internal sealed class EtcdAuthenticateRequest
{
    public string Name { get; set; } = "";

    public string Password { get; set; } = "";
}
