using System.Net;
using Cni.Ipam.Etcd.Internal.Client;
using Cni.Testing;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>Leases and watch streams with etcd's authentication and over TLS with a client certificate.</summary>
public sealed class NodeBlockSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_authentication_claim_renewal_and_watch_carry_the_token_and_a_wrong_password_is_a_clear_error()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        await etcd.EnableAuthenticationAsync("cnit-secret");
        var options = NodeBlocks.Options(NodeBlocks.NewPrefix());
        var root = NodeBlocks.Etcd(etcd.ClientUrls);
        root.Username = "root";
        root.Password = "cnit-secret";
        await using var blocks = new EtcdNodeBlocks(root, options);
        await using var watch = new NodeWatch(blocks);
        var wrong = NodeBlocks.Etcd(etcd.ClientUrls);
        wrong.Username = "root";
        wrong.Password = "wrong";
        await using var refused = new EtcdNodeBlocks(wrong, options);

        await watch.WaitForAsync([], TimeSpan.FromSeconds(5));
        await blocks.ClaimAsync("node-a", IPAddress.Parse("192.168.50.1"), null, Ct);
        await watch.WaitForAsync(["node-a"], TimeSpan.FromSeconds(5));
        await Task.Delay(NodeBlocks.Ttl * 1.5, Ct);
        var error = await Assert.ThrowsAsync<CniException>(() => refused.ClaimAsync("node-b", IPAddress.Parse("192.168.50.2"), null, Ct));

        Assert.False(blocks.ClaimLost.IsCompleted);
        Assert.True(blocks.Claim!.Renewals >= 2, $"{blocks.Claim.Renewals} renewals");
        Assert.Contains("authentication failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_opened_with_an_expired_token_gets_a_fresh_one()
    {
        await using var etcd = await EtcdCluster.StartAsync(authTokenTtl: TimeSpan.FromSeconds(1));
        await etcd.EnableAuthenticationAsync("cnit-secret");
        var options = NodeBlocks.Etcd(etcd.ClientUrls);
        options.Username = "root";
        options.Password = "cnit-secret";
        using var client = new EtcdClient(options);
        await client.RangeAsync(new EtcdRangeRequest { Key = "/cnit"u8.ToArray() }, Ct);
        var (issued, rejected) = (client.TokensIssued, client.TokensRejected);

        // Unused for longer than its TTL, the cached token is refused when the watch is created.
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        await using var stream = await client.OpenWatchAsync("/cnit/"u8.ToArray(), "/cnit0"u8.ToArray(), 0, Ct);

        Assert.True(stream.Created.Created);
        Assert.Equal((issued + 1, rejected + 1), (client.TokensIssued, client.TokensRejected));
    }

    [Fact]
    public async Task Over_TLS_with_a_client_certificate_claim_renewal_and_watch_work()
    {
        await using var etcd = await EtcdCluster.StartAsync(tls: true);
        var certificates = etcd.Certificates!;
        var tls = NodeBlocks.Etcd(etcd.ClientUrls);
        tls.CaFile = certificates.CaFile;
        tls.CertFile = certificates.ClientCertFile;
        tls.KeyFile = certificates.ClientKeyFile;
        await using var blocks = new EtcdNodeBlocks(tls, NodeBlocks.Options(NodeBlocks.NewPrefix()));
        await using var watch = new NodeWatch(blocks);

        await watch.WaitForAsync([], TimeSpan.FromSeconds(5));
        await blocks.ClaimAsync("node-a", IPAddress.Parse("192.168.50.1"), null, Ct);
        await watch.WaitForAsync(["node-a"], TimeSpan.FromSeconds(5));
        await Task.Delay(NodeBlocks.Ttl * 1.5, Ct);
        await blocks.ReleaseAsync(Ct);
        await watch.WaitForAsync([], TimeSpan.FromSeconds(5));

        Assert.Equal("https", etcd.ClientUrls[0].Scheme);
        Assert.True(blocks.Claim!.Renewals >= 2, $"{blocks.Claim.Renewals} renewals");
    }
}
