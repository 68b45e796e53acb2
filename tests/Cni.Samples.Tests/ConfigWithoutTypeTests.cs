namespace Cni.Samples.Tests;

/// <summary>
/// A network configuration without a top-level <c>type</c>: only libcni's config loader requires it, so
/// the reference plugins (Debian's host-local, skel from libcni 1.1.2) run with it, and so must a plugin
/// on our host. ADD and DEL through each binary, each on its own data directory, give the same outcome.
/// </summary>
public sealed class ConfigWithoutTypeTests
{
    [Theory]
    [MemberData(nameof(HostLocalPlugin.Binaries), MemberType = typeof(HostLocalPlugin))]
    public async Task ADD_and_DEL_succeed_without_a_top_level_type(string binary)
    {
        using var dataDir = new HostLocalDataDir();
        var config = WithoutType(dataDir.Config("'subnet':'10.61.0.0/24'"));

        var result = await HostLocalPlugin.AddAsync(HostLocalPlugin.Named(binary), config, "cnit-notype");
        Assert.Equal("10.61.0.2/24", result.IPs.Single().Address.ToString());
        Assert.Equal(["10.61.0.2"], dataDir.Allocations().Keys);

        await HostLocalPlugin.DelAsync(HostLocalPlugin.Named(binary), config, "cnit-notype");
        Assert.Empty(dataDir.Allocations());
    }

    /// <summary>The same configuration with its top-level <c>type</c> taken out; the ipam object keeps its own.</summary>
    private static string WithoutType(string config)
    {
        const string TopLevelType = ",\"type\":\"host-local\"";
        var at = config.IndexOf(TopLevelType, StringComparison.Ordinal);
        Assert.True(at > 0 && at < config.IndexOf("\"ipam\"", StringComparison.Ordinal), config);
        return config.Remove(at, TopLevelType.Length);
    }
}
