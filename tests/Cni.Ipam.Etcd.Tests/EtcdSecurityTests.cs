using Cni.Testing;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>User and password authentication, and TLS with a client certificate, against real etcd.</summary>
public sealed class EtcdSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_authentication_on_the_right_password_allocates_and_a_wrong_one_is_a_clear_error()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        await etcd.EnableAuthenticationAsync("cnit-secret");
        var prefix = $"/cnit/{Guid.NewGuid():N}";
        using var store = new IpamEtcdStore();

        var result = await new IpamAllocator(store).AddAsync(
            EtcdNetwork.Config(etcd.ClientUrls, prefix: prefix, extra: ""","username":"root","password":"cnit-secret" """), "ctr1", "eth0", Ct);
        var wrong = await Assert.ThrowsAsync<CniException>(() => new IpamAllocator(store).AddAsync(
            EtcdNetwork.Config(etcd.ClientUrls, prefix: prefix, extra: ""","username":"root","password":"wrong" """), "ctr2", "eth0", Ct));
        var anonymous = await Assert.ThrowsAsync<CniException>(() => new IpamAllocator(store).AddAsync(
            EtcdNetwork.Config(etcd.ClientUrls, prefix: prefix), "ctr3", "eth0", Ct));

        Assert.Single(result.IPs);
        Assert.Equal(CniErrorCode.Internal, wrong.Code);
        Assert.Contains("authentication failed", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(CniErrorCode.Internal, anonymous.Code);
        Assert.StartsWith("etcd: ", anonymous.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_replaced_and_the_call_succeeds()
    {
        await using var etcd = await EtcdCluster.StartAsync(authTokenTtl: TimeSpan.FromSeconds(1));
        await etcd.EnableAuthenticationAsync("cnit-secret");
        var config = EtcdNetwork.Config(etcd.ClientUrls, extra: ""","username":"root","password":"cnit-secret" """);
        using var store = new IpamEtcdStore();
        var allocator = new IpamAllocator(store);
        var before = await allocator.AddAsync(config, "before", "eth0", Ct);
        var client = Assert.Single(store.Clients);
        var (issuedBefore, rejectedBefore) = (client.TokensIssued, client.TokensRejected);

        // Unused for longer than its TTL, the client's cached token is refused ("invalid auth token").
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        var after = await allocator.AddAsync(config, "after", "eth0", Ct);

        Assert.NotEqual(Assert.Single(before.IPs).Address, Assert.Single(after.IPs).Address);
        // The token was really refused and replaced; a token that never expired would leave both counts as they were.
        Assert.True(client.TokensRejected > rejectedBefore, $"no call was refused for its token (issued {client.TokensIssued}, rejected {client.TokensRejected})");
        Assert.True(client.TokensIssued > issuedBefore, $"no new token was issued after the expiry (issued {client.TokensIssued}, rejected {client.TokensRejected})");
    }

    [Fact]
    public async Task TLS_with_the_authority_and_a_client_certificate_allocates()
    {
        await using var etcd = await EtcdCluster.StartAsync(tls: true);
        var certificates = etcd.Certificates!;
        var tls = $$""","caFile":"{{certificates.CaFile}}","certFile":"{{certificates.ClientCertFile}}","keyFile":"{{certificates.ClientKeyFile}}" """;
        using var store = new IpamEtcdStore();

        var result = await new IpamAllocator(store).AddAsync(EtcdNetwork.Config(etcd.ClientUrls, extra: tls), "ctr1", "eth0", Ct);

        Assert.Equal("https", etcd.ClientUrls[0].Scheme);
        Assert.Single(result.IPs);
    }

    [Fact]
    public async Task TLS_to_a_server_the_configured_authority_did_not_sign_is_refused_without_retrying_for_the_timeout()
    {
        await using var etcd = await EtcdCluster.StartAsync(tls: true);
        var other = TestCertificates.Create(Directory.CreateTempSubdirectory("cnit-ca-").FullName);
        var tls = $$""","caFile":"{{other.CaFile}}","certFile":"{{etcd.Certificates!.ClientCertFile}}","keyFile":"{{etcd.Certificates.ClientKeyFile}}" """;
        using var store = new IpamEtcdStore();
        try
        {
            var error = await Assert.ThrowsAsync<CniException>(() => new IpamAllocator(store).AddAsync(EtcdNetwork.Config(etcd.ClientUrls, extra: tls, timeout: "30s"), "ctr1", "eth0", Ct));

            Assert.Equal(CniErrorCode.Internal, error.Code);
            Assert.Contains("TLS", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(other.Directory, recursive: true);
        }
    }
}
