using System.Globalization;
using System.Text.RegularExpressions;
using Cni.Testing;

namespace Cni.Templates.Tests;

/// <summary>
/// docs/getting-started.md, done as a new user would: the template package from artifacts/packages
/// (eng/test.sh packs it), `dotnet new cni-plugin`, build, the generated tests, a NativeAOT publish,
/// and `cni conform` against the binary, which must pass every check, with `cni` installed as the
/// .NET tool Cni.Tool from the same folder.
/// </summary>
public partial class TemplateTests
{
    private const string TemplatePackagePrefix = "Cni.Templates.";

    [Fact]
    public async Task A_plugin_from_dotnet_new_builds_passes_its_tests_and_cni_conform_outside_the_repository()
    {
        Requires.Root();
        var package = Requires.Built(
            FindTemplatePackage(),
            $"{RepositoryPaths.Packages}/{TemplatePackagePrefix}*.nupkg (eng/test.sh packs it: dotnet pack Cni.sln -c Release -o artifacts/packages)");
        var version = Path.GetFileNameWithoutExtension(package)[TemplatePackagePrefix.Length..];

        using var workspace = await ScratchWorkspace.CreateAsync(RepositoryPaths.Packages, TestContext.Current.TestOutputHelper!);
        Assert.False(
            workspace.Root.StartsWith(RepositoryPaths.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            $"{workspace.Root} is inside the repository; the generated projects would import its Directory.Build.props.");

        // A template hive of the test's own: the machine's `dotnet new` templates stay as they were.
        var hive = Path.Combine(workspace.Root, "template-hive");
        await workspace.RunAsync(workspace.Root, "dotnet", "new", "install", package, "--debug:custom-hive", hive);
        await workspace.RunAsync(workspace.Root, "dotnet", "new", "cni-plugin", "-n", "MyPlugin", "--debug:custom-hive", hive, "--no-update-check");
        var solution = Path.Combine(workspace.Root, "MyPlugin");

        // The tool from the same feed (the workspace's nuget.config maps Cni.* to it), into a folder of the test's own: docs say --global, the install is the same.
        var tools = Path.Combine(workspace.Root, "tools");
        await workspace.RunAsync(workspace.Root, "dotnet", "tool", "install", "Cni.Tool", "--tool-path", tools, "--prerelease");
        var cni = Path.Combine(tools, "cni");

        Assert.Contains($"Version=\"{version}\"", await File.ReadAllTextAsync(Path.Combine(solution, "Directory.Packages.props"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var buildProps = await workspace.RunAsync(solution, "dotnet", "msbuild", "src/MyPlugin/MyPlugin.csproj", "-getProperty:DirectoryBuildPropsPath");
        Assert.Equal(Path.Combine(solution, "Directory.Build.props"), buildProps.Trim());

        await workspace.RunAsync(solution, "dotnet", "build", "-c", "Release");

        // Every generated test runs, none skipped: the one in network namespaces needs root, which this test has.
        var tests = await workspace.RunAsync(solution, "dotnet", "test", "-c", "Release", "--no-build");
        var total = Count(tests, "total");
        Assert.True(total >= 4 && Count(tests, "succeeded") == total, $"not every generated test passed:\n{tests}");

        var published = Path.Combine(workspace.Root, "publish");
        await workspace.RunAsync(solution, "dotnet", "publish", "src/MyPlugin", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", published);

        var config = Path.Combine(workspace.Root, "mynet.conf");
        await File.WriteAllTextAsync(
            config,
            """{"cniVersion": "1.1.0", "name": "templatenet", "type": "MyPlugin", "ipam": {"type": "host-local", "subnet": "10.69.0.0/24"}}""",
            TestContext.Current.CancellationToken);
        var report = await workspace.RunAsync(workspace.Root, cni, "conform", Path.Combine(published, "MyPlugin"), "--config", config, "--netns-prefix", "cnit-tpl");
        var summary = ConformSummary().Match(report);
        Assert.True(summary.Success && summary.Groups["failed"].Value == "0" && summary.Groups["passed"].Value != "0", $"cni conform:\n{report}");
    }

    private static string? FindTemplatePackage()
    {
        var found = Directory.Exists(RepositoryPaths.Packages)
            ? Directory.GetFiles(RepositoryPaths.Packages, $"{TemplatePackagePrefix}*.nupkg")
            : [];
        return found.Length == 0 ? null : Assert.Single(found);
    }

    /// <summary>A figure of Microsoft.Testing.Platform's summary ("  total: 4", "  succeeded: 4").</summary>
    private static int Count(string output, string name)
    {
        var match = Regex.Match(output, $@"^\s+{name}: (\d+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"no \"{name}:\" in the test run's output:\n{output}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<passed>\d+) passed, (?<failed>\d+) failed, \d+ skipped$", RegexOptions.Multiline)]
    private static partial Regex ConformSummary();
}
