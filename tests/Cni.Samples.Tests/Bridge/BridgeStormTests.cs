using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// <c>eng/pluginbench.sh --storm</c> in a small mode: containers ADDed at once on one bridge network through
/// libcni, then DELed at once, ours against the reference. A storm reports wave times only when every
/// container got an address of its own; one that fails stops with no row and leaves nothing behind.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class BridgeStormTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-storm-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_storm_of_four_containers_prints_both_waves_for_ours_and_the_reference()
    {
        var (stdout, stderr, exitCode) = await StormAsync(BridgePlugin.Path);

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("bridge storm: 4 containers ADDed at once, then DELed at once", stdout, StringComparison.Ordinal);
        Assert.Contains("rounds: 1", stdout, StringComparison.Ordinal);
        var rows = stdout.Split('\n').Select(l => Row().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(["ours", "reference"], rows.Select(r => r.Groups["side"].Value));
        Assert.All(rows, r =>
        {
            Assert.True(Milliseconds(r.Groups["add"]) > 0, r.Value);
            Assert.True(Milliseconds(r.Groups["del"]) > 0, r.Value);
        });
        var ratio = Assert.Single(stdout.Split('\n'), l => Ratio().IsMatch(l));
        Assert.True(Milliseconds(Ratio().Match(ratio).Groups["add"]) > 0, ratio);
        NothingLeft(stderr);
    }

    // A plugin that answers ADD with one address for every container, and one whose ADD fails.
    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.110.0.9/16"}]}""", 0, "both got 10.110.0.9/16")]
    [InlineData("""{"cniVersion":"1.0.0","code":11,"msg":"no luck"}""", 1, "ours storm add failed for 4 of 4 containers")]
    public async Task A_storm_whose_plugin_fails_or_repeats_an_address_stops_with_no_row(string answer, int addExitCode, string reason)
    {
        var plugin = Path.Combine(_directory, "bridge");
        await File.WriteAllTextAsync(plugin, $"""
            #!/bin/sh
            cat >/dev/null
            [ "$CNI_COMMAND" = ADD ] && echo '{answer}' && exit {addExitCode}
            exit 0

            """, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var (stdout, stderr, exitCode) = await StormAsync(plugin);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain(stdout.Split('\n'), l => Row().IsMatch(l) || Ratio().IsMatch(l));
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", stderr, StringComparison.Ordinal);
        NothingLeft(stderr);
    }

    private static async Task<(string Stdout, string Stderr, int ExitCode)> StormAsync(string ours)
    {
        Requires.Root();
        _ = LibcniDriver.Path;
        Requires.Executable("/usr/lib/cni/bridge");
        Requires.Executable("/usr/bin/time");
        Requires.Command("python3");
        var environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin" };
        return await PluginProcess.RunAsync(
            Path.Combine(RepositoryPaths.Root, "eng", "pluginbench.sh"), environment, "",
            ["--storm", "--containers", "4", "--rounds", "1", "--ours", ours, "bridge"], TimeSpan.FromMinutes(3));
    }

    // The script names its node namespace (the container namespaces are named after it) and work directory.
    private static void NothingLeft(string stderr)
    {
        var where = Where().Match(stderr);
        Assert.True(where.Success, stderr);
        var node = where.Groups["node"].Value;
        Assert.DoesNotContain(Directory.EnumerateFiles("/run/netns"), f => Path.GetFileName(f).StartsWith(node, StringComparison.Ordinal));
        Assert.False(Directory.Exists(where.Groups["work"].Value), where.Groups["work"].Value);
    }

    private static double Milliseconds(Group group) => double.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<side>ours|reference) +(?<add>[0-9.]+)ms +[0-9.]+ms +[0-9.]+ms +[0-9.]+ms +(?<del>[0-9.]+)ms +[0-9.]+ms +[0-9.]+ms +[0-9.]+ms$")]
    private static partial Regex Row();

    [GeneratedRegex(@"^ours/reference \(medians\): ADD wave (?<add>[0-9.]+), DEL wave [0-9.]+$")]
    private static partial Regex Ratio();

    [GeneratedRegex(@"^pluginbench: node namespace (?<node>\S+), work directory (?<work>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Where();
}
