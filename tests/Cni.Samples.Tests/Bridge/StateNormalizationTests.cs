namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// The normalization the kernel-state comparisons go through keeps what they claim to compare.
/// It used to drop every line with "valid_lft", which `ip -o addr` prints on every address line,
/// so no address was ever compared.
/// </summary>
public class StateNormalizationTests
{
    [Fact]
    public void Address_lines_keep_address_broadcast_scope_and_flags_without_lifetimes_or_DAD_progress()
    {
        const string Addresses = """
            1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
            2: eth0    inet 10.22.0.2/16 brd 10.22.255.255 scope global eth0\       valid_lft forever preferred_lft forever
            2: eth0    inet6 fd00:22::2/64 scope global tentative nodad \       valid_lft forever preferred_lft forever
            2: eth0    inet6 fe80::a8c1:abff:fe12:3456/64 scope link \       valid_lft forever preferred_lft forever
            """;

        Assert.Equal(
            """
            lo    inet 127.0.0.1/8 scope host lo
            eth0    inet 10.22.0.2/16 brd 10.22.255.255 scope global eth0
            eth0    inet6 fd00:22::2/64 scope global nodad
            """,
            TestNode.Normalize(Addresses.ReplaceLineEndings("\n")).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_category_claimed_as_compared_must_have_content()
    {
        const string State = "## links\nlo: <LOOPBACK>\n## addresses\n## routes\n10.22.0.0/16 dev eth0";
        TestNode.AssertCompared(State, "links", "routes");
        Assert.ThrowsAny<Exception>(() => TestNode.AssertCompared(State, "addresses"));
        Assert.ThrowsAny<Exception>(() => TestNode.AssertCompared(State, "neighbours"));
        Assert.ThrowsAny<Exception>(() => TestNode.AssertCompared("## links\nlo\n## routes", "routes"));
    }
}
