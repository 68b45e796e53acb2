namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>Reads one etcd response message from its wire format.</summary>
/// <typeparam name="T">The response.</typeparam>
internal delegate T ProtoDecoder<out T>(ReadOnlySpan<byte> message);
