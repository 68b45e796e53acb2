using System.Buffers.Binary;
using System.Net;

namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// One open <c>Watch/Watch</c> stream on one member: the create request went out, etcd answered it, and
/// <see cref="ReadAsync"/> gives the event batches that follow. The create request is the whole request
/// body: a gRPC server goes on streaming after the client has ended its side (etcd's watch server only
/// stops reading), and this client never sends a second request on the stream. When the member dies, or
/// ends the stream (for example when it loses its leader), reading fails with <see cref="IOException"/>;
/// the caller opens another stream, on another member, from the revision after the last one it saw.
/// </summary>
internal sealed class EtcdWatchStream : IAsyncDisposable
{
    public const string Method = "etcdserverpb.Watch/Watch";

    // etcd's own limit on a message it sends is about 2 MB; anything far larger is not an etcd answer.
    private const int MaximumMessage = 64 << 20;

    private const int GrpcPermissionDenied = 7;

    private readonly CancellationTokenSource _lifetime;
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly byte[] _header = new byte[5];

    private EtcdWatchStream(Uri endpoint, CancellationTokenSource lifetime, HttpResponseMessage response, Stream body)
    {
        Endpoint = endpoint;
        _lifetime = lifetime;
        _response = response;
        _body = body;
    }

    /// <summary>The member serving the stream.</summary>
    public Uri Endpoint { get; }

    /// <summary>etcd's answer to the create request; <see cref="EtcdWatchResponse.CompactRevision"/> set when the start revision is gone.</summary>
    public EtcdWatchResponse Created { get; private set; } = new();

    /// <summary>
    /// Sends the create request (<paramref name="frame"/>) to <paramref name="endpoint"/> and reads etcd's answer
    /// within <paramref name="attemptToken"/>. Answers the call's gRPC status; a watch etcd refuses at creation
    /// is reported as refused for its token when it carried one, since etcd 3.4 answers an expired token there
    /// with "permission denied" rather than a gRPC error, so the caller fetches a fresh token once.
    /// </summary>
    public static async Task<(GrpcStatus Status, EtcdWatchStream? Stream)> OpenAsync(HttpClient http, Uri endpoint, byte[] frame, string? token, CancellationToken attemptToken)
    {
        // The stream outlives the attempt: its own token ends it, and the attempt's cancels it only while opening.
        var lifetime = new CancellationTokenSource();
        HttpResponseMessage? response = null;
        EtcdWatchStream? stream = null;
        var opened = false;
        try
        {
            using (attemptToken.Register(lifetime.Cancel))
            {
                var content = new ByteArrayContent(frame);
                content.Headers.ContentType = EtcdClient.s_grpcContentType;
                using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, Method))
                {
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                    Content = content,
                };
                message.Headers.TE.Add(EtcdClient.s_trailers);

                // Ask the member to end the stream when it has no leader: a member cut off from the others
                // would otherwise keep the stream open and silent while the cluster goes on without it.
                message.Headers.TryAddWithoutValidation("hasleader", "true");
                if (token is not null)
                {
                    message.Headers.TryAddWithoutValidation("token", token);
                }

                response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, lifetime.Token).ConfigureAwait(false);
                if (response.Headers.Contains("grpc-status"))
                {
                    // A "trailers-only" answer: the call ended before any message.
                    return (Ended(response), null);
                }

                var body = await response.Content.ReadAsStreamAsync(lifetime.Token).ConfigureAwait(false);
                stream = new EtcdWatchStream(endpoint, lifetime, response, body);
                var created = await stream.ReadMessageAsync(lifetime.Token).ConfigureAwait(false);
                if (created is null)
                {
                    return (Ended(response), null);
                }

                if (created.Canceled && created.CompactRevision == 0)
                {
                    var reason = created.CancelReason ?? "the watch was refused";
                    return (new GrpcStatus(token is null ? GrpcPermissionDenied : EtcdClient.GrpcUnauthenticated, reason), null);
                }

                stream.Created = created;
                opened = true;
                return (new GrpcStatus(EtcdClient.GrpcOk, "created"), stream);
            }
        }
        finally
        {
            if (!opened)
            {
                if (stream is not null)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    response?.Dispose();
                    lifetime.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// The next message. Throws <see cref="IOException"/> when the stream ends or breaks (the status etcd
    /// ended it with, or the connection's failure, in the message), and <see cref="CniException"/> for an
    /// answer that is not an etcd watch message.
    /// </summary>
    public async ValueTask<EtcdWatchResponse> ReadAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        EtcdWatchResponse? next;
        try
        {
            next = await ReadMessageAsync(linked.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new IOException($"{Endpoint}: {ex.Message}", ex);
        }

        return next ?? throw new IOException($"{Endpoint}: the watch stream ended: {EtcdClient.ReadStatus(_response).Message}");
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _body.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>How a stream that ended without its create answer ended; never OK, since a watch that ends is a failure.</summary>
    private static GrpcStatus Ended(HttpResponseMessage response)
    {
        var status = EtcdClient.ReadStatus(response);
        return status.Code == EtcdClient.GrpcOk ? new GrpcStatus(EtcdClient.GrpcUnavailable, "the watch stream ended before etcd answered") : status;
    }

    /// <summary>The next gRPC message decoded, or null at the end of the stream.</summary>
    private async ValueTask<EtcdWatchResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var read = await _body.ReadAtLeastAsync(_header, _header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < _header.Length)
        {
            throw new IOException($"{Endpoint}: the watch stream ended inside a message");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(1));
        if (_header[0] != 0 || length is < 0 or > MaximumMessage)
        {
            throw Malformed($"not an uncompressed gRPC message (flag {_header[0]}, length {length})");
        }

        var message = new byte[length];
        await _body.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
        try
        {
            return EtcdGrpcCodec.ReadWatch(message);
        }
        catch (InvalidDataException ex)
        {
            throw Malformed(ex.Message);
        }
    }

    private CniException Malformed(string what) => new(CniErrorCode.Internal, $"etcd: {Endpoint} answered {Method} with {what}");
}
