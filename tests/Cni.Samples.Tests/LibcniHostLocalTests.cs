using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>
/// host-local driven through the reference libcni 1.1.2 as a runtime drives it, once with CNI_PATH
/// on our published plugins and once on /usr/lib/cni: the runtime must see the same thing.
/// </summary>
public sealed class LibcniHostLocalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-libcni-hl-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("0.2.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public async Task ADD_CHECK_DEL_through_libcni_as_with_the_reference(string version)
    {
        _ = LibcniDriver.Path;
        _ = HostLocalPlugin.Ours;
        _ = HostLocalPlugin.Reference;

        var ours = await RunAsync(RepositoryPaths.Plugins, "ours", version);
        var reference = await RunAsync("/usr/lib/cni", "reference", version);

        Assert.Equal(reference, ours);
    }

    /// <summary>ADD, CHECK (from 0.4.0), DEL, DEL again; returns what libcni printed for each and what is left on disk.</summary>
    private async Task<string[]> RunAsync(string cniPath, string name, string version)
    {
        var dataDir = Path.Combine(_directory, name, "data");
        var config = Path.Combine(_directory, name, "host-local.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        await File.WriteAllTextAsync(
            config,
            $$$"""{"cniVersion":"{{{version}}}","name":"cnit-libcni-hl","type":"host-local","ipam":{"type":"host-local","subnet":"10.36.0.0/24","routes":[{"dst":"0.0.0.0/0"}],"dataDir":"{{{dataDir}}}"}}""",
            TestContext.Current.CancellationToken);
        var cache = Path.Combine(_directory, name, "cache");
        var outputs = new List<string>();
        foreach (var verb in version is "0.4.0" or "1.0.0" ? ["add", "check", "del", "del"] : new[] { "add", "del", "del" })
        {
            var (stdout, stderr, exitCode) = await LibcniDriver.RunAsync(verb, config, cniPath, cache, "/var/run/netns/cnit-libcni-hl", "cnit-ctr");
            Assert.True(exitCode == 0, $"{name} {verb}: {stdout}{stderr}");
            outputs.Add($"{verb}: {stdout}");
        }

        outputs.Add("left: " + string.Join(",", Directory.EnumerateFiles(Path.Combine(dataDir, "cnit-libcni-hl"))
            .Select(Path.GetFileName).Where(f => f != HostLocalDataDir.OwnerIndex).Order(StringComparer.Ordinal)));
        return [.. outputs];
    }
}
