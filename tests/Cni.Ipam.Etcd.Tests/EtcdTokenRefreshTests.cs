using Cni.Ipam.Etcd.Internal.Client;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>What the etcd client does when a call's token is rejected: one fresh token per call, then a clear error.</summary>
public sealed class EtcdTokenRefreshTests
{
    private static readonly Uri s_endpoint = new("http://127.0.0.1:2379");
    private static readonly GrpcStatus s_invalidToken = new(16, "etcdserver: invalid auth token");

    [Fact]
    public void The_first_rejected_token_in_a_call_is_answered_with_a_fresh_one()
        => Assert.Null(EtcdClient.RejectedToken(s_invalidToken, s_endpoint, "ipam", refreshedAlready: false));

    [Fact]
    public void A_rejected_fresh_token_fails_the_call_with_code_999_naming_the_user_and_endpoint()
    {
        var error = EtcdClient.RejectedToken(s_invalidToken, s_endpoint, "ipam", refreshedAlready: true);

        Assert.NotNull(error);
        Assert.Equal(CniErrorCode.Internal, error.Code);
        Assert.Equal("etcd: etcdserver: invalid auth token (a freshly issued token was refused too)", error.Message);
        Assert.Equal("user \"ipam\" at http://127.0.0.1:2379/", error.Details);
    }
}
