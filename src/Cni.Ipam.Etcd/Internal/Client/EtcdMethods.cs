using Cni.Ipam.Etcd.Internal.Protocol;
using Google.Protobuf;
using Grpc.Core;

namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// The three gRPC methods the store calls, for the channel's call invoker directly. Not the generated
/// client classes: their base class routes every call through an interceptor whose generic virtual
/// methods NativeAOT instantiates at run time (its type loader took about a sixth of an ADD's CPU).
/// </summary>
internal static class EtcdMethods
{
    public static readonly Method<RangeRequest, RangeResponse> Range = Unary("etcdserverpb.KV", "Range", RangeRequest.Parser, RangeResponse.Parser);

    public static readonly Method<TxnRequest, TxnResponse> Txn = Unary("etcdserverpb.KV", "Txn", TxnRequest.Parser, TxnResponse.Parser);

    public static readonly Method<AuthenticateRequest, AuthenticateResponse> Authenticate
        = Unary("etcdserverpb.Auth", "Authenticate", AuthenticateRequest.Parser, AuthenticateResponse.Parser);

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name, MessageParser<TRequest> requests, MessageParser<TResponse> responses)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
        => new(MethodType.Unary, service, name, Marshaller(requests), Marshaller(responses));

    private static Marshaller<T> Marshaller<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
        => Marshallers.Create(message => message.ToByteArray(), bytes => parser.ParseFrom(bytes));
}
