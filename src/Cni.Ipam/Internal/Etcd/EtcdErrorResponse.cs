namespace Cni.Ipam.Internal.Etcd;

/// <summary>What the gateway answers with a non-success status: a gRPC status code and etcd's message.</summary>
internal sealed class EtcdErrorResponse
{
    public string? Error { get; set; }

    public int Code { get; set; }

    public string? Message { get; set; }
}
