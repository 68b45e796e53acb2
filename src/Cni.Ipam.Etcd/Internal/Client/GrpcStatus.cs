namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>How a gRPC call ended: its status code (0 is success) and message.</summary>
internal readonly record struct GrpcStatus(int Code, string Message);
