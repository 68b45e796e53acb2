using System.Text.Json;
using Cni.Testing;

namespace Cni.Tool.Tests;

/// <summary>
/// The packed .NET tool as a user gets it: <c>dotnet tool install Cni.Tool</c> from artifacts/packages
/// (what <c>dotnet pack Cni.sln -o artifacts/packages</c> made) into a folder outside the repository,
/// offline, then the installed <c>cni</c> run: <c>conform</c> on our published host-local, which passes
/// every check (hello, a toy that reports an address it never configures, fails two by design).
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private const string PackageId = "Cni.Tool";

    // Outside the repository, so neither its nuget.config nor its global.json takes part.
    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-tool-package-").FullName;

    private string ToolPath => Path.Combine(_directory, "tools");

    private string InstalledCni => Path.Combine(ToolPath, "cni");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The .NET installation running this test: the runtime folder is DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION.</summary>
    private static string DotnetRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    /// <summary>
    /// An environment of the test's own making: no feed but the packages folder (nuget.config in the
    /// temporary folder), its own global packages folder, so a package cached from an earlier pack with the
    /// same version cannot stand in for the one under test (the tool package has no dependencies).
    /// </summary>
    private Dictionary<string, string> Environment() => new()
    {
        ["PATH"] = $"{DotnetRoot}:/usr/sbin:/usr/bin:/sbin:/bin",
        ["HOME"] = _directory,
        ["DOTNET_ROOT"] = DotnetRoot,
        ["NUGET_PACKAGES"] = Path.Combine(_directory, "nuget-packages"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>Installs the one Cni.Tool package of artifacts/packages; returns its version.</summary>
    private async Task<string> InstallAsync()
    {
        var packages = Requires.Folder(RepositoryPaths.Packages, "dotnet pack Cni.sln -c Release -o artifacts/packages");
        var versions = Directory.GetFiles(packages, $"{PackageId}.*.nupkg")
            .Select(p => Path.GetFileNameWithoutExtension(p)[(PackageId.Length + 1)..])
            .Where(v => char.IsDigit(v[0]));
        var version = Assert.Single(versions);

        var config = Path.Combine(_directory, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="artifacts" value="{packages}" />
              </packageSources>
            </configuration>
            """, TestContext.Current.CancellationToken);

        var (stdout, stderr, exitCode) = await PluginProcess.RunAsync(
            Path.Combine(DotnetRoot, "dotnet"), Environment(), "",
            ["tool", "install", PackageId, "--tool-path", ToolPath, "--add-source", packages, "--configfile", config, "--prerelease"],
            TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"dotnet tool install failed ({exitCode}): {stdout}{stderr}");
        Assert.True(File.Exists(InstalledCni), $"no {InstalledCni} after: {stdout}");
        return version;
    }

    private Task<(string Stdout, string Stderr, int ExitCode)> RunInstalledAsync(params string[] arguments)
        => PluginProcess.RunAsync(InstalledCni, Environment(), "", arguments, TimeSpan.FromMinutes(3));

    [Fact]
    public async Task The_installed_tool_runs_and_reports_the_packed_version()
    {
        var packageVersion = await InstallAsync();

        var help = await RunInstalledAsync("--help");
        Assert.True(help.ExitCode == 0, help.Stderr);
        Assert.Contains("conform", help.Stdout, StringComparison.Ordinal);

        var version = await RunInstalledAsync("--version");
        Assert.True(version.ExitCode == 0, version.Stderr);
        // The informational version: the package's, then "+commit" when packed from a git clone.
        Assert.Equal(packageVersion, version.Stdout.Trim().Split('+')[0]);
    }

    [Fact]
    public async Task The_installed_tool_conforms_our_host_local_with_no_failed_check()
    {
        Requires.Root();
        var hostLocal = Requires.Executable(Path.Combine(RepositoryPaths.Plugins, "host-local"));
        await InstallAsync();

        var config = Path.Combine(_directory, "host-local.conf");
        await File.WriteAllTextAsync(config, """{"cniVersion":"1.1.0","name":"cnit-toolpkg","type":"host-local","ipam":{"type":"host-local","subnet":"10.45.0.0/24"}}""", TestContext.Current.CancellationToken);
        var prefix = $"cnit-tp{Guid.NewGuid().ToString("N")[..6]}";
        var (stdout, stderr, exitCode) = await RunInstalledAsync("conform", hostLocal, "--config", config, "--json", "--netns-prefix", prefix);

        Assert.True(exitCode == 0, $"cni conform exited with {exitCode}: {stderr}{stdout}");
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal(0, report.RootElement.GetProperty("failed").GetInt32());
        Assert.True(report.RootElement.GetProperty("passed").GetInt32() > 0, stdout);
        Assert.DoesNotContain(Directory.EnumerateFiles("/run/netns"), f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal));
    }
}
