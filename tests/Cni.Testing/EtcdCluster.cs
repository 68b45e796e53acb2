using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Cni.Testing;

/// <summary>
/// A real etcd cluster of one or more members on loopback, in a temporary directory, stopped and
/// removed on dispose. Needs /usr/bin/etcd (Debian's etcd-server, which eng/prereqs.sh installs):
/// without it the test is skipped locally and fails under CI=true.
/// </summary>
public sealed class EtcdCluster : IAsyncDisposable
{
    private readonly string _root;
    private HttpClient? _http;

    // Health checks and direct reads: trusts the throwaway authority and shows its client certificate.
    private HttpClient Http => _http ??= CreateHttpClient(Certificates);

    private EtcdCluster(string root, IReadOnlyList<EtcdMember> members, TestCertificates? certificates)
    {
        _root = root;
        Members = members;
        Certificates = certificates;
    }

    /// <summary>The certificates clients need when the cluster serves TLS; otherwise <see langword="null"/>.</summary>
    public TestCertificates? Certificates { get; }

    /// <summary>The members, in start order.</summary>
    public IReadOnlyList<EtcdMember> Members { get; }

    /// <summary>Every member's client URL.</summary>
    public IReadOnlyList<Uri> ClientUrls => [.. Members.Select(m => m.ClientUrl)];

    /// <summary>Starts <paramref name="size"/> members and waits until the cluster has a leader.</summary>
    /// <param name="size">How many members.</param>
    /// <param name="tls">
    /// Serve clients over TLS with certificates of a throwaway authority (<see cref="Certificates"/>),
    /// and require a client certificate from that authority.
    /// </param>
    /// <param name="authTokenTtl">How long an authentication token lives unused (etcd's <c>--auth-token-ttl</c>, whole seconds; default 5 minutes).</param>
    /// <returns>The running cluster.</returns>
    public static async Task<EtcdCluster> StartAsync(int size = 1, bool tls = false, TimeSpan? authTokenTtl = null)
    {
        Requires.Executable("/usr/bin/etcd");
        var root = Directory.CreateTempSubdirectory("cnit-etcd-").FullName;
        var certificates = tls ? TestCertificates.Create(root) : null;
        var scheme = tls ? "https" : "http";
        var ports = LoopbackPorts.Take(2 * size);
        var members = Enumerable.Range(0, size)
            .Select(i => new EtcdMember($"m{i}", new Uri($"{scheme}://127.0.0.1:{ports[2 * i]}"), ports[(2 * i) + 1], root))
            .ToList();
        var initialCluster = string.Join(',', members.Select(m => $"{m.Name}={Text(m.PeerUrl)}"));
        foreach (var member in members)
        {
            member.Arguments =
            [
                "--name", member.Name,
                "--data-dir", member.DataDirectory,
                "--listen-client-urls", Text(member.ClientUrl),
                "--advertise-client-urls", Text(member.ClientUrl),
                "--listen-peer-urls", Text(member.PeerUrl),
                "--initial-advertise-peer-urls", Text(member.PeerUrl),
                "--initial-cluster", initialCluster,
                "--initial-cluster-state", "new",
                "--initial-cluster-token", Path.GetFileName(root),
                "--logger", "zap",
                "--log-outputs", Path.Combine(root, member.Name + ".log"),
                // Loopback is fast: shorter elections make the failover tests quick.
                "--heartbeat-interval", "50",
                "--election-timeout", "500",
                .. (authTokenTtl is { } ttl ? ["--auth-token-ttl", ((int)ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>()),
                .. (certificates is null ? Array.Empty<string>() :
                [
                    "--cert-file", certificates.ServerCertFile,
                    "--key-file", certificates.ServerKeyFile,
                    "--client-cert-auth",
                    "--trusted-ca-file", certificates.CaFile,
                ]),
            ];
        }

        var cluster = new EtcdCluster(root, members, certificates);
        try
        {
            foreach (var member in members)
            {
                member.Start();
            }

            await cluster.WaitHealthyAsync(TimeSpan.FromSeconds(30));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until some running member has a leader and answers a linearizable read.</summary>
    /// <param name="timeout">How long to wait before failing.</param>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var member in Members.Where(m => m.IsRunning))
            {
                if (await IsHealthyAsync(member.ClientUrl))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                var logs = Members.Select(m => Path.Combine(_root, m.Name + ".log")).Where(File.Exists)
                    .Select(log => string.Join('\n', File.ReadLines(log).TakeLast(5)));
                throw new TimeoutException($"etcd did not become healthy in {timeout}; last log lines:\n{string.Join('\n', logs)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Every key and value under <paramref name="prefix"/>, read straight from etcd.</summary>
    /// <param name="prefix">The key prefix.</param>
    /// <returns>Keys and values as text, in key order.</returns>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ReadPrefixAsync(string prefix)
    {
        var key = Encoding.UTF8.GetBytes(prefix);
        var end = (byte[])key.Clone();
        end[^1]++;
        var body = $$"""{"key":"{{Convert.ToBase64String(key)}}","range_end":"{{Convert.ToBase64String(end)}}"}""";
        foreach (var member in Members.Where(m => m.IsRunning))
        {
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
                using var response = await Http.PostAsync(new Uri(member.ClientUrl, "v3/kv/range"), content);
                response.EnsureSuccessStatusCode();
                using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (!document.RootElement.TryGetProperty("kvs", out var kvs))
                {
                    return [];
                }

                return [.. kvs.EnumerateArray().Select(kv => new KeyValuePair<string, string>(
                    Encoding.UTF8.GetString(kv.GetProperty("key").GetBytesFromBase64()),
                    kv.TryGetProperty("value", out var value) ? Encoding.UTF8.GetString(value.GetBytesFromBase64()) : ""))];
            }
            catch (HttpRequestException)
            {
            }
        }

        throw new InvalidOperationException("no etcd member answered");
    }

    /// <summary>
    /// Turns on etcd's authentication with a <c>root</c> user holding the root role. Afterwards
    /// <see cref="ReadPrefixAsync"/> and health checks no longer work without a token, so read through
    /// the code under test.
    /// </summary>
    /// <param name="password">The root user's password.</param>
    public async Task EnableAuthenticationAsync(string password)
    {
        var url = Members.First(m => m.IsRunning).ClientUrl;
        foreach (var (path, body) in new[]
        {
            ("v3/auth/role/add", """{"name":"root"}"""),
            ("v3/auth/user/add", $$"""{"name":"root","password":"{{password}}"}"""),
            ("v3/auth/user/grant", """{"user":"root","role":"root"}"""),
            ("v3/auth/enable", "{}"),
        })
        {
            using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await Http.PostAsync(new Uri(url, path), content);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"etcd {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        foreach (var member in Members)
        {
            member.Dispose();
        }

        _http?.Dispose();
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    // etcd refuses a URL with a path, even "/".
    private static string Text(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static HttpClient CreateHttpClient(TestCertificates? certificates)
    {
        var handler = new SocketsHttpHandler();
        if (certificates is not null)
        {
            var authority = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(certificates.CaFile));
            handler.SslOptions.ClientCertificates = [System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificates.ClientCertFile, certificates.ClientKeyFile)];
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 leaf && chain.Build(leaf);
            };
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
    }

    private async Task<bool> IsHealthyAsync(Uri clientUrl)
    {
        try
        {
            using var content = new StringContent("""{"key":"AA=="}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await Http.PostAsync(new Uri(clientUrl, "v3/kv/range"), content);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
