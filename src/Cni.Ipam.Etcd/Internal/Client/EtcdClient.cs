using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Cni.Ipam.Etcd.Internal.Protocol;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// etcd v3 through its gRPC API (<c>KV/Range</c>, <c>KV/Txn</c>, <c>Auth/Authenticate</c>): Grpc.Net.Client
/// channels, one per endpoint over one shared <see cref="HttpClient"/>, and messages generated at build time from
/// Internal/Protocol/*.proto. Every call has one deadline, <see cref="EtcdOptions.Timeout"/>, across every
/// endpoint it tries; when it passes, the call fails with spec code 11 (try again later). Thread-safe:
/// concurrent calls share the connections.
/// </summary>
internal sealed class EtcdClient : IDisposable
{
    private static readonly TimeSpan s_minimumAttemptTimeout = TimeSpan.FromMilliseconds(250);

    private readonly EtcdOptions _options;
    private readonly Uri[] _endpoints;
    private readonly HttpClient _http;
    private readonly GrpcChannel[] _channels;
    private readonly CallInvoker[] _invokers;
    private readonly TimeSpan _attemptTimeout;
    private int _current;
    private string? _token;
    private int _tokensIssued;
    private int _tokensRejected;

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

        _attemptTimeout = AttemptTimeout(options);
        _http = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _channels = [.. _endpoints.Select(endpoint => GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            // An HttpClient, not a handler: the channel then sends through it as it is, without the
            // client-side load balancer it would set up over a SocketsHttpHandler (its own connect
            // callback, subchannels, a resolver); failover between members is this class's job.
            HttpClient = _http,
            DisposeHttpClient = false,
            // Cancellation (the attempt's share of the deadline, or the caller's) surfaces as itself, not as a status.
            ThrowOperationCanceledOnCancellation = true,
        }))];
        _invokers = [.. _channels.Select(channel => channel.CreateCallInvoker())];
    }

    /// <summary>The settings the client was made with.</summary>
    public EtcdOptions Options => _options;

    /// <summary>How many tokens etcd has issued to this client (<c>Auth/Authenticate</c> answered with one).</summary>
    internal int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>How many calls etcd refused for their token (expired or revoked), each answered with a fresh one.</summary>
    internal int TokensRejected => Volatile.Read(ref _tokensRejected);

    /// <summary>The endpoint the next call starts with: the last one that answered.</summary>
    public Uri CurrentEndpoint => _endpoints[Volatile.Read(ref _current)];

    public Task<RangeResponse> RangeAsync(RangeRequest request, CancellationToken cancellationToken)
        => CallAsync(EtcdMethods.Range.FullName, (invoker, options) => invoker.AsyncUnaryCall(EtcdMethods.Range, null, options, request), cancellationToken);

    public Task<TxnResponse> TxnAsync(TxnRequest request, CancellationToken cancellationToken)
        => CallAsync(EtcdMethods.Txn.FullName, (invoker, options) => invoker.AsyncUnaryCall(EtcdMethods.Txn, null, options, request), cancellationToken);

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        _http.Dispose();
    }

    /// <remarks>
    /// The gRPC call is made by <paramref name="call"/>, written where the message types are known: the
    /// invoker's generic method called from here, with types known only at run time, would make NativeAOT
    /// build its instantiation at run time in every process (measured: a sixth of an ADD's CPU).
    /// </remarks>
    private async Task<TResponse> CallAsync<TResponse>(string method, Func<CallInvoker, CallOptions, AsyncUnaryCall<TResponse>> call, CancellationToken cancellationToken)
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
            string? token = null;
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                attempt.CancelAfter(_attemptTimeout);
                token = await GetTokenAsync(index, attempt.Token).ConfigureAwait(false);
                // etcd reads the token from the "token" metadata of a gRPC call.
                var headers = token is null ? null : new Metadata { { "token", token } };
                return await call(_invokers[index], new CallOptions(headers, cancellationToken: attempt.Token)).ConfigureAwait(false);
            }
            catch (RpcException ex) when (TlsFailure(ex) is { } tls)
            {
                // A certificate that does not verify will not verify on a retry: give up once every
                // member has refused, with the reason, instead of waiting out the deadline.
                lastFailure = $"{endpoint}: {tls.Message}";
                if (++tlsFailures == _endpoints.Length)
                {
                    throw new CniException(CniErrorCode.Internal, $"etcd: TLS with every endpoint failed: {tls.Message}", lastFailure, ex);
                }
            }
            catch (RpcException ex) when (token is not null && IsInvalidToken(ex.Status))
            {
                if (RejectedToken(ex.Status, endpoint, _options.Username, tokenRefreshed) is { } refused)
                {
                    throw refused;
                }

                tokenRefreshed = true;
                Interlocked.Increment(ref _tokensRejected);
                Interlocked.CompareExchange(ref _token, null, token);
                lastFailure = $"{endpoint}: {ex.Status.Detail}";
                continue;
            }
            catch (RpcException ex) when (IsTransient(ex.Status))
            {
                lastFailure = $"{endpoint}: {ex.Status.Detail}";
            }
            catch (RpcException ex)
            {
                throw new CniException(CniErrorCode.Internal, $"etcd: {ex.Status.Detail}", $"{endpoint}{method.TrimStart('/')}", ex);
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
    internal static CniException? RejectedToken(Status status, Uri endpoint, string? username, bool refreshedAlready)
        => refreshedAlready
            ? new CniException(CniErrorCode.Internal, $"etcd: {status.Detail} (a freshly issued token was refused too)", $"user \"{username}\" at {endpoint}")
            : null;

    private CniException Unavailable(string? lastFailure)
        => new(CniErrorCode.TryAgainLater, $"etcd: no endpoint answered within {_options.Timeout.TotalSeconds:0.###}s", lastFailure);

    /// <summary>The token of <see cref="EtcdOptions.Username"/>, fetched from the member at <paramref name="index"/> when none is cached.</summary>
    private async Task<string?> GetTokenAsync(int index, CancellationToken cancellationToken)
    {
        if (_options.Username is null)
        {
            return null;
        }

        if (Volatile.Read(ref _token) is { } token)
        {
            return token;
        }

        AuthenticateResponse answer;
        try
        {
            var request = new AuthenticateRequest { Name = _options.Username, Password = _options.Password ?? "" };
            answer = await _invokers[index].AsyncUnaryCall(EtcdMethods.Authenticate, null, new CallOptions(cancellationToken: cancellationToken), request).ConfigureAwait(false);
        }
        catch (RpcException ex) when (TlsFailure(ex) is null && !IsTransient(ex.Status))
        {
            throw new CniException(CniErrorCode.Internal, $"etcd: {ex.Status.Detail}", $"user \"{_options.Username}\" at {_endpoints[index]}", ex);
        }

        token = answer.Token is { Length: > 0 } issued
            ? issued
            : throw new CniException(CniErrorCode.Internal, "etcd: authentication answered without a token", _endpoints[index].ToString());
        Volatile.Write(ref _token, token);
        Interlocked.Increment(ref _tokensIssued);
        return token;
    }

    private static bool IsInvalidToken(Status status)
        => status.StatusCode == StatusCode.Unauthenticated || status.Detail.Contains("invalid auth token", StringComparison.Ordinal);

    /// <summary>Failures another member, or the same one a moment later, may not have: no leader, a timeout, a restart, no connection.</summary>
    private static bool IsTransient(Status status)
        => status.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
            || status.Detail.Contains("leader", StringComparison.Ordinal)
            || status.Detail.Contains("timed out", StringComparison.Ordinal)
            || status.Detail.Contains("stopped", StringComparison.Ordinal);

    /// <summary>The TLS failure behind a call that could not start, if that is what it was.</summary>
    private static AuthenticationException? TlsFailure(RpcException ex)
    {
        for (Exception? cause = ex.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            if (cause is AuthenticationException tls)
            {
                return tls;
            }
        }

        return null;
    }

    private static SocketsHttpHandler CreateHandler(EtcdOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // A member that is down refuses at once; one that is unreachable must not hold a call long.
            ConnectTimeout = AttemptTimeout(options),
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
