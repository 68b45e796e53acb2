using System.Text.Json.Serialization;

namespace Cni.Ipam.Internal.Etcd;

/// <summary>
/// etcd's JSON gateway: snake_case members, bytes as base64, 64-bit integers as strings in answers,
/// members at their default left out (the gateway reads a missing member as its default).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(EtcdRangeRequest))]
[JsonSerializable(typeof(EtcdRangeResponse))]
[JsonSerializable(typeof(EtcdTxnRequest))]
[JsonSerializable(typeof(EtcdTxnResponse))]
[JsonSerializable(typeof(EtcdAuthenticateRequest))]
[JsonSerializable(typeof(EtcdAuthenticateResponse))]
[JsonSerializable(typeof(EtcdErrorResponse))]
internal sealed partial class EtcdJsonContext : JsonSerializerContext;
