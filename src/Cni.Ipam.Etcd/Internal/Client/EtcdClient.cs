using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Cni.Ipam.Etcd.Internal.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// etcd v3 through its gRPC API (<c>KV/Range</c>, <c>KV/Txn</c>, <c>Auth/Authenticate</c>, <c>Lease/*</c>), unary calls
/// over HTTP/2 on one <see cref="HttpClient"/>, and <c>Watch/Watch</c> streams (<see cref="EtcdWatchStream"/>) on the same
/// connections; messages written and read by hand (<see cref="EtcdGrpcCodec"/>). Every call, and the opening of a stream, has one deadline,
/// <see cref="EtcdOptions.Timeout"/>, across every endpoint it tries; when it passes, the call fails with
/// spec code 11 (try again later). Thread-safe: concurrent calls share the connections.
/// </summary>
internal sealed class EtcdClient : IDisposable
{
    private static readonly TimeSpan s_minimumAttemptTimeout = TimeSpan.FromMilliseconds(250);

    private readonly EtcdOptions _options;
    private readonly Uri[] _endpoints;
    private readonly HttpClient _http;
    private readonly TimeSpan _attemptTimeout;
    private readonly ILogger _logger;
    private int _current;
    private string? _token;
    private int _tokensIssued;
    private int _tokensRejected;

    /// <param name="options">The connection settings.</param>
    /// <param name="logger">Where retries (warning) and calls (debug) are logged; none when <see langword="null"/>.</param>
    public EtcdClient(EtcdOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _endpoints = [.. options.Endpoints];
        if (_endpoints.Length == 0)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "etcd: no endpoints configured", "ipam.etcd.endpoints");
        }

        foreach (var endpoint in _endpoints)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new CniException(CniErrorCode.InvalidNetworkConfig, $"etcd: endpoint \"{endpoint}\" is not an http:// or https:// address", "ipam.etcd.endpoints");
            }
        }

        _attemptTimeout = AttemptTimeout(options);
        _http = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The settings the client was made with.</summary>
    public EtcdOptions Options => _options;

    /// <summary>How many tokens etcd has issued to this client (<c>Auth/Authenticate</c> answered with one).</summary>
    internal int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>How many calls etcd refused for their token (expired or revoked), each answered with a fresh one.</summary>
    internal int TokensRejected => Volatile.Read(ref _tokensRejected);

    /// <summary>The endpoint the next call starts with: the last one that answered.</summary>
    public Uri CurrentEndpoint => _endpoints[Volatile.Read(ref _current)];

    public Task<EtcdRangeResponse> RangeAsync(EtcdRangeRequest request, CancellationToken cancellationToken)
        => CallAsync("etcdserverpb.KV/Range", EtcdGrpcCodec.Range(request), EtcdGrpcCodec.ReadRange, cancellationToken);

    /// <summary>The gRPC method of <see cref="TxnAsync"/>, as its span and retries name it.</summary>
    public const string TxnMethod = "etcdserverpb.KV/Txn";

    public Task<EtcdTxnResponse> TxnAsync(EtcdTxnRequest request, CancellationToken cancellationToken)
        => CallAsync(TxnMethod, EtcdGrpcCodec.Txn(request), EtcdGrpcCodec.ReadTxn, cancellationToken);

    /// <summary>A lease of <paramref name="ttlSeconds"/> (etcd raises it to its minimum, about 1.5 election timeouts, and says so in the answer's TTL).</summary>
    public Task<EtcdLeaseResponse> LeaseGrantAsync(long ttlSeconds, CancellationToken cancellationToken)
        => CallAsync("etcdserverpb.Lease/LeaseGrant", EtcdGrpcCodec.LeaseGrant(ttlSeconds), EtcdGrpcCodec.ReadLease, cancellationToken);

    /// <summary>
    /// Renews a lease to its full TTL; an answer with TTL 0 means etcd no longer has it. <c>LeaseKeepAlive</c> is a
    /// bidirectional stream in etcd's API; this sends one request and closes its side, so etcd answers once and
    /// ends the stream, and each renewal is an ordinary call with the unary calls' deadline, failover and token.
    /// </summary>
    public Task<EtcdLeaseResponse> LeaseKeepAliveAsync(long id, CancellationToken cancellationToken)
        => CallAsync("etcdserverpb.Lease/LeaseKeepAlive", EtcdGrpcCodec.LeaseId(id), EtcdGrpcCodec.ReadLease, cancellationToken);

    /// <summary>Ends a lease now: etcd deletes every key attached to it.</summary>
    public Task<EtcdLeaseResponse> LeaseRevokeAsync(long id, CancellationToken cancellationToken)
        => CallAsync("etcdserverpb.Lease/LeaseRevoke", EtcdGrpcCodec.LeaseId(id), EtcdGrpcCodec.ReadLease, cancellationToken);

    /// <summary>
    /// Opens a <c>Watch/Watch</c> stream of every key from <paramref name="key"/> up to <paramref name="rangeEnd"/>,
    /// starting at <paramref name="startRevision"/>, on the first endpoint that answers its create request, within
    /// the one deadline of <see cref="EtcdOptions.Timeout"/> (code 11 when it passes). The stream then lives on its own:
    /// when its member dies, reading it fails with <see cref="IOException"/> and the caller opens another.
    /// </summary>
    public Task<EtcdWatchStream> OpenWatchAsync(byte[] key, byte[] rangeEnd, long startRevision, CancellationToken cancellationToken)
    {
        var body = GrpcFrame(EtcdGrpcCodec.WatchCreate(key, rangeEnd, startRevision));
        return InvokeAsync(
            EtcdWatchStream.Method,
            (endpoint, token, attempt) => EtcdWatchStream.OpenAsync(_http, endpoint, body, token, attempt),
            cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private Task<TResponse> CallAsync<TResponse>(string method, ProtoWriter request, ProtoDecoder<TResponse> decode, CancellationToken cancellationToken)
    {
        var body = GrpcFrame(request);
        return InvokeAsync(
            method,
            async (endpoint, token, attempt) =>
            {
                var (status, answer) = await PostAsync(endpoint, method, body, token, attempt).ConfigureAwait(false);
                return (status, status.Code == GrpcOk ? Decode(answer, decode, endpoint, method) : default);
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs one call's attempts, endpoint after endpoint, under one deadline: each attempt gets the current
    /// token and a share of the deadline and answers with the gRPC status (and its result when the status is OK).
    /// </summary>
    private async Task<TResult> InvokeAsync<TResult>(string method, Func<Uri, string?, CancellationToken, Task<(GrpcStatus Status, TResult? Result)>> attemptCall, CancellationToken cancellationToken)
    {
        var call = EtcdCall.Start(method);
        try
        {
            var (result, endpoint) = await AttemptAsync(method, attemptCall, cancellationToken).ConfigureAwait(false);
            call.Answered(_logger, endpoint);
            return result;
        }
        catch (Exception e)
        {
            call.Failed(_logger, e);
            throw;
        }
    }

    /// <summary>The attempts of <see cref="InvokeAsync"/>; answers the result and the endpoint that gave it.</summary>
    private async Task<(TResult Result, Uri Endpoint)> AttemptAsync<TResult>(string method, Func<Uri, string?, CancellationToken, Task<(GrpcStatus Status, TResult? Result)>> attemptCall, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        string? lastFailure = null;
        var failures = 0;
        var tlsFailures = 0;
        var tokenRefreshed = false;
        while (true)
        {
            var index = Volatile.Read(ref _current);
            var endpoint = _endpoints[index];
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                attempt.CancelAfter(_attemptTimeout);
                var token = await GetTokenAsync(endpoint, attempt.Token).ConfigureAwait(false);
                var (status, result) = await attemptCall(endpoint, token, attempt.Token).ConfigureAwait(false);
                if (status.Code == GrpcOk)
                {
                    return (result!, endpoint);
                }

                if (token is not null && IsInvalidToken(status))
                {
                    if (RejectedToken(status, endpoint, _options.Username, tokenRefreshed) is { } refused)
                    {
                        throw refused;
                    }

                    tokenRefreshed = true;
                    Interlocked.Increment(ref _tokensRejected);
                    Interlocked.CompareExchange(ref _token, null, token);
                    lastFailure = $"{endpoint}: {status.Message}";
                    EtcdCall.Retry(_logger, method, endpoint, EtcdTelemetry.Token, status.Message, endpoint);
                    continue;
                }

                if (!IsTransient(status))
                {
                    throw new CniException(CniErrorCode.Internal, $"etcd: {status.Message}", $"{endpoint}{method}");
                }

                lastFailure = $"{endpoint}: {status.Message}";
            }
            catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException tls)
            {
                // A certificate that does not verify will not verify on a retry: give up once every
                // member has refused, with the reason, instead of waiting out the deadline.
                lastFailure = $"{endpoint}: {tls.Message}";
                if (++tlsFailures == _endpoints.Length)
                {
                    throw new CniException(CniErrorCode.Internal, $"etcd: TLS with every endpoint failed: {tls.Message}", lastFailure, ex);
                }
            }
            catch (HttpRequestException ex)
            {
                lastFailure = $"{endpoint}: {ex.Message}";
            }
            catch (IOException ex)
            {
                // A stream cut off while its answer was read (the member died half-way).
                lastFailure = $"{endpoint}: {ex.Message}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastFailure = $"{endpoint}: no answer within {_attemptTimeout.TotalMilliseconds:0} ms";
            }

            // Move on to the next member; the first caller to see this one fail moves everyone.
            Interlocked.CompareExchange(ref _current, (index + 1) % _endpoints.Length, index);
            failures++;
            try
            {
                if (deadline.IsCancellationRequested)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw Unavailable(lastFailure);
                }

                if (failures % _endpoints.Length == 0)
                {
                    // Every member failed once in this round: give the cluster a moment (a leader
                    // election takes about a second) before the next round.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 << Math.Min(failures / _endpoints.Length, 4), 500)), deadline.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unavailable(lastFailure);
            }

            EtcdCall.Retry(_logger, method, endpoint, EtcdTelemetry.Unavailable, lastFailure, CurrentEndpoint);
        }
    }

    /// <summary>
    /// A member that hangs must not use up the whole deadline: each attempt (and each connection) gets a
    /// share of it, so the other members are tried in time.
    /// </summary>
    private static TimeSpan AttemptTimeout(EtcdOptions options)
        => TimeSpan.FromTicks(Math.Max(options.Timeout.Ticks / 3, s_minimumAttemptTimeout.Ticks));

    /// <summary>
    /// An answer that rejects the call's token. Tokens expire (etcd's simple tokens after 5 minutes idle),
    /// so the first rejection in a call is answered with a fresh token (null: drop the cached one, try
    /// again); a second means fresh tokens are refused too, and the call fails with code 999 rather than
    /// authenticating again and again until the deadline.
    /// </summary>
    internal static CniException? RejectedToken(GrpcStatus status, Uri endpoint, string? username, bool refreshedAlready)
        => refreshedAlready
            ? new CniException(CniErrorCode.Internal, $"etcd: {status.Message} (a freshly issued token was refused too)", $"user \"{username}\" at {endpoint}")
            : null;

    private CniException Unavailable(string? lastFailure)
        => new(CniErrorCode.TryAgainLater, $"etcd: no endpoint answered within {_options.Timeout.TotalSeconds:0.###}s", lastFailure);

    /// <summary>A gRPC message on the wire: not compressed (0), its length (big-endian), the message.</summary>
    internal static byte[] GrpcFrame(ProtoWriter message)
    {
        var payload = message.WrittenSpan;
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    private static TResponse Decode<TResponse>(byte[] answer, ProtoDecoder<TResponse> decode, Uri endpoint, string method)
    {
        try
        {
            if (answer.Length < 5 || answer[0] != 0 || BinaryPrimitives.ReadInt32BigEndian(answer.AsSpan(1)) != answer.Length - 5)
            {
                throw new InvalidDataException($"not one uncompressed gRPC message ({answer.Length} bytes)");
            }

            return decode(answer.AsSpan(5));
        }
        catch (InvalidDataException ex)
        {
            throw new CniException(CniErrorCode.Internal, $"etcd: {endpoint} answered {method} with {ex.Message}", null, ex);
        }
    }

    /// <summary>
    /// One unary gRPC call over HTTP/2 (cleartext with prior knowledge for <c>http://</c>, negotiated by
    /// TLS for <c>https://</c>). The status comes in the trailers, or in the headers when the answer has no body.
    /// </summary>
    private async Task<(GrpcStatus Status, byte[] Body)> PostAsync(Uri endpoint, string method, byte[] body, string? token, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = s_grpcContentType;
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        message.Headers.TE.Add(s_trailers);
        if (token is not null)
        {
            // etcd reads the token from the "token" metadata of a gRPC call.
            message.Headers.TryAddWithoutValidation("token", token);
        }

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return (ReadStatus(response), answer);
    }

    internal static GrpcStatus ReadStatus(HttpResponseMessage response)
    {
        if (!TryGetHeader(response.TrailingHeaders, "grpc-status", out var code) && !TryGetHeader(response.Headers, "grpc-status", out code))
        {
            // No gRPC answer at all, for example a proxy's error page: as gRPC maps HTTP statuses.
            var status = response.StatusCode;
            return new GrpcStatus(
                status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout ? GrpcUnavailable : GrpcUnknown,
                $"HTTP {(int)status} {response.ReasonPhrase} without a gRPC status");
        }

        var text = TryGetHeader(response.TrailingHeaders, "grpc-message", out var m) || TryGetHeader(response.Headers, "grpc-message", out m)
            ? Uri.UnescapeDataString(m)
            : null;
        var number = int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : GrpcUnknown;
        return new GrpcStatus(number, text ?? $"gRPC status {code}");
    }

    private static bool TryGetHeader(HttpHeaders headers, string name, out string value)
    {
        if (headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { } first)
        {
            value = first;
            return true;
        }

        value = "";
        return false;
    }

    private async Task<string?> GetTokenAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        if (_options.Username is null)
        {
            return null;
        }

        if (Volatile.Read(ref _token) is { } token)
        {
            return token;
        }

        var body = GrpcFrame(EtcdGrpcCodec.Authenticate(new EtcdAuthenticateRequest { Name = _options.Username, Password = _options.Password ?? "" }));
        const string Method = "etcdserverpb.Auth/Authenticate";
        var (status, answer) = await PostAsync(endpoint, Method, body, null, cancellationToken).ConfigureAwait(false);
        if (status.Code != GrpcOk)
        {
            if (IsTransient(status))
            {
                throw new HttpRequestException($"authentication: {status.Message}");
            }

            throw new CniException(CniErrorCode.Internal, $"etcd: {status.Message}", $"user \"{_options.Username}\" at {endpoint}");
        }

        token = Decode(answer, EtcdGrpcCodec.ReadAuthenticate, endpoint, Method).Token
            ?? throw new CniException(CniErrorCode.Internal, "etcd: authentication answered without a token", endpoint.ToString());
        Volatile.Write(ref _token, token);
        Interlocked.Increment(ref _tokensIssued);
        return token;
    }

    // gRPC status codes (grpc/codes).
    internal const int GrpcOk = 0;
    private const int GrpcUnknown = 2;
    private const int GrpcDeadlineExceeded = 4;
    internal const int GrpcUnauthenticated = 16;
    internal const int GrpcUnavailable = 14;

    internal static readonly MediaTypeHeaderValue s_grpcContentType = new("application/grpc");
    internal static readonly TransferCodingWithQualityHeaderValue s_trailers = new("trailers");

    private static bool IsInvalidToken(GrpcStatus status)
        => status.Code == GrpcUnauthenticated || status.Message.Contains("invalid auth token", StringComparison.Ordinal);

    /// <summary>Failures another member, or the same one a moment later, may not have: no leader, a timeout, a restart.</summary>
    private static bool IsTransient(GrpcStatus status)
        => status.Code is GrpcUnavailable or GrpcDeadlineExceeded
            || status.Message.Contains("leader", StringComparison.Ordinal)
            || status.Message.Contains("timed out", StringComparison.Ordinal)
            || status.Message.Contains("stopped", StringComparison.Ordinal);

    private static SocketsHttpHandler CreateHandler(EtcdOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // A member that is down refuses at once; one that is unreachable must not hold a call long.
            ConnectTimeout = AttemptTimeout(options),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),

            // A watch stream waits for events as long as nothing changes: HTTP/2 pings find a member that hangs
            // or a path that went away. Not more often than every 5 s, etcd's default --grpc-keepalive-min-time,
            // below which etcd closes the connection for pinging too often.
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = options.Timeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        if (options.CertFile is not null)
        {
            var certificate = X509Certificate2.CreateFromPemFile(options.CertFile, options.KeyFile);
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
        }

        if (options.InsecureSkipTlsVerify)
        {
#pragma warning disable CA5359 // Accepting any certificate is exactly what the user asked for with insecureSkipTlsVerify (documented as test-only).
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (options.CaFile is not null)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(options.CaFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && IsSignedBy(certificate, authorities, errors);
        }

        return handler;
    }

    private static bool IsSignedBy(X509Certificate certificate, X509Certificate2Collection authorities, SslPolicyErrors errors)
    {
        // Name mismatches still fail; only the chain is judged against the configured authorities.
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
