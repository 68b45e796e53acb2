using System.Diagnostics;
using Cni.Testing;

namespace Cni.Plugins.Tests;

/// <summary>
/// <see cref="OutboundMasquerade"/> in a namespace the test creates: the rules it writes, read back with
/// <c>nft list</c>; a second apply replaces them; remove leaves no table.
/// </summary>
public sealed class OutboundMasqueradeTests : IDisposable
{
    private readonly TestNamespace _node = TestNamespace.Create();

    public void Dispose() => _node.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Traffic_from_the_block_to_outside_the_cluster_is_masqueraded_and_a_second_apply_replaces_the_rules()
    {
        Requires.Command("nft");
        var masquerade = new OutboundMasquerade("cnit_cluster");

        _node.Namespace.Run(() => masquerade.ApplyAsync([IPCidr.Parse("10.244.1.0/24"), IPCidr.Parse("fd00:244:1::/64")], [IPCidr.Parse("10.244.0.0/16"), IPCidr.Parse("fd00:244::/48")], Ct).GetAwaiter().GetResult());
        _node.Namespace.Run(() => masquerade.ApplyAsync([IPCidr.Parse("10.244.2.0/24")], [IPCidr.Parse("10.244.0.0/16")], Ct).GetAwaiter().GetResult());

        var rules = Rules(Nft("list", "table", "inet", "cnit_cluster"));
        Assert.Equal(["ip saddr 10.244.2.0/24 ip daddr != { 10.244.0.0/16, 224.0.0.0/4 } masquerade"], rules);
    }

    [Fact]
    public void Both_families_get_their_own_rule()
    {
        Requires.Command("nft");
        var masquerade = new OutboundMasquerade("cnit_cluster");

        _node.Namespace.Run(() => masquerade.ApplyAsync([IPCidr.Parse("10.244.1.0/24"), IPCidr.Parse("fd00:244:1::/64")], [IPCidr.Parse("10.244.0.0/16"), IPCidr.Parse("fd00:244::/48")], Ct).GetAwaiter().GetResult());

        Assert.Equal(
            ["ip saddr 10.244.1.0/24 ip daddr != { 10.244.0.0/16, 224.0.0.0/4 } masquerade", "ip6 saddr fd00:244:1::/64 ip6 daddr != { fd00:244::/48, ff02::/16 } masquerade"],
            Rules(Nft("list", "table", "inet", "cnit_cluster")));
    }

    [Fact]
    public void Remove_deletes_the_table_and_is_idempotent()
    {
        Requires.Command("nft");
        var masquerade = new OutboundMasquerade("cnit_cluster");
        _node.Namespace.Run(() => masquerade.ApplyAsync([IPCidr.Parse("10.244.1.0/24")], [IPCidr.Parse("10.244.0.0/16")], Ct).GetAwaiter().GetResult());

        _node.Namespace.Run(() => masquerade.RemoveAsync(Ct).GetAwaiter().GetResult());
        _node.Namespace.Run(() => masquerade.RemoveAsync(Ct).GetAwaiter().GetResult());

        Assert.DoesNotContain("cnit_cluster", Nft("list", "tables"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_nft_would_misread_is_refused()
        => Assert.Throws<ArgumentException>(() => new OutboundMasquerade("x; flush ruleset"));

    private static string[] Rules(string table)
        => [.. table.Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith("masquerade", StringComparison.Ordinal))];

    private string Nft(params string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["netns", "exec", _node.Name, "nft", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"nft {string.Join(' ', arguments)}: {error}");
        return output;
    }
}
