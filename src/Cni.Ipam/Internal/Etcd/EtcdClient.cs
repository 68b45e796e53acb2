using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cni.Ipam.Internal.Etcd;

/// <summary>
/// etcd v3 through its HTTP/JSON gateway (<c>/v3/kv/range</c>, <c>/v3/kv/txn</c>,
/// <c>/v3/auth/authenticate</c>) on one pooled <see cref="HttpClient"/>. Every call has one deadline,
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
    private int _current;
    private string? _token;

    public EtcdClient(EtcdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
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

        // A member that hangs must not use up the whole deadline: each attempt gets a share of it,
        // so the other members are tried in time.
        _attemptTimeout = TimeSpan.FromTicks(Math.Max(options.Timeout.Ticks / 3, s_minimumAttemptTimeout.Ticks));
        _http = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The endpoint the next call starts with: the last one that answered.</summary>
    public Uri CurrentEndpoint => _endpoints[Volatile.Read(ref _current)];

    public Task<EtcdRangeResponse> RangeAsync(EtcdRangeRequest request, CancellationToken cancellationToken)
        => SendAsync("v3/kv/range", request, EtcdJsonContext.Default.EtcdRangeRequest, EtcdJsonContext.Default.EtcdRangeResponse, cancellationToken);

    public Task<EtcdTxnResponse> TxnAsync(EtcdTxnRequest request, CancellationToken cancellationToken)
        => SendAsync("v3/kv/txn", request, EtcdJsonContext.Default.EtcdTxnRequest, EtcdJsonContext.Default.EtcdTxnResponse, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        string path,
        TRequest request,
        JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TResponse> responseInfo,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestInfo);
        string? lastFailure = null;
        var failures = 0;
        var tlsFailures = 0;
        while (true)
        {
            var index = Volatile.Read(ref _current);
            var endpoint = _endpoints[index];
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                attempt.CancelAfter(_attemptTimeout);
                var token = await GetTokenAsync(endpoint, attempt.Token).ConfigureAwait(false);
                var (status, answer) = await PostAsync(endpoint, path, body, token, attempt.Token).ConfigureAwait(false);
                if (status == HttpStatusCode.OK)
                {
                    return JsonSerializer.Deserialize(answer, responseInfo)
                        ?? throw new CniException(CniErrorCode.Internal, $"etcd: {endpoint} answered {path} with null");
                }

                var error = ParseError(answer);
                if (token is not null && IsInvalidToken(error))
                {
                    // Tokens expire (etcd's simple tokens after 5 minutes idle); get a fresh one once.
                    Interlocked.CompareExchange(ref _token, null, token);
                    lastFailure = $"{endpoint}: {error.Message}";
                    continue;
                }

                if (!IsTransient(status, error))
                {
                    throw new CniException(CniErrorCode.Internal, $"etcd: {error.Message ?? error.Error ?? status.ToString()}", $"{endpoint}{path}");
                }

                lastFailure = $"{endpoint}: {error.Message ?? status.ToString()}";
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
        }
    }

    private CniException Unavailable(string? lastFailure)
        => new(CniErrorCode.TryAgainLater, $"etcd: no endpoint answered within {_options.Timeout.TotalSeconds:0.###}s", lastFailure);

    private async Task<(HttpStatusCode Status, byte[] Body)> PostAsync(Uri endpoint, string path, byte[] body, string? token, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path)) { Content = new ByteArrayContent(body) };
        if (token is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", token);
        }

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
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

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new EtcdAuthenticateRequest { Name = _options.Username, Password = _options.Password ?? "" },
            EtcdJsonContext.Default.EtcdAuthenticateRequest);
        var (status, answer) = await PostAsync(endpoint, "v3/auth/authenticate", body, null, cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            var error = ParseError(answer);
            if (IsTransient(status, error))
            {
                throw new HttpRequestException($"authentication: {error.Message ?? status.ToString()}");
            }

            throw new CniException(CniErrorCode.Internal, $"etcd: {error.Message ?? status.ToString()}", $"user \"{_options.Username}\" at {endpoint}");
        }

        token = JsonSerializer.Deserialize(answer, EtcdJsonContext.Default.EtcdAuthenticateResponse)?.Token
            ?? throw new CniException(CniErrorCode.Internal, "etcd: authentication answered without a token", endpoint.ToString());
        Volatile.Write(ref _token, token);
        return token;
    }

    private static EtcdErrorResponse ParseError(byte[] answer)
    {
        try
        {
            return JsonSerializer.Deserialize(answer, EtcdJsonContext.Default.EtcdErrorResponse) ?? new EtcdErrorResponse();
        }
        catch (JsonException)
        {
            return new EtcdErrorResponse { Message = System.Text.Encoding.UTF8.GetString(answer).Trim() };
        }
    }

    // gRPC status codes the gateway passes on.
    private const int GrpcDeadlineExceeded = 4;
    private const int GrpcUnauthenticated = 16;
    private const int GrpcUnavailable = 14;

    private static bool IsInvalidToken(EtcdErrorResponse error)
        => error.Code == GrpcUnauthenticated || (error.Message?.Contains("invalid auth token", StringComparison.Ordinal) ?? false);

    /// <summary>Failures another member, or the same one a moment later, may not have: no leader, a timeout, a restart.</summary>
    private static bool IsTransient(HttpStatusCode status, EtcdErrorResponse error)
        => status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.BadGateway
            || error.Code is GrpcUnavailable or GrpcDeadlineExceeded
            || (error.Message is { } message && (message.Contains("leader", StringComparison.Ordinal)
                || message.Contains("timed out", StringComparison.Ordinal)
                || message.Contains("stopped", StringComparison.Ordinal)));

    private static SocketsHttpHandler CreateHandler(EtcdOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // A member that is down refuses at once; one that is unreachable must not hold a call long.
            ConnectTimeout = TimeSpan.FromTicks(Math.Max(options.Timeout.Ticks / 3, s_minimumAttemptTimeout.Ticks)),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
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
