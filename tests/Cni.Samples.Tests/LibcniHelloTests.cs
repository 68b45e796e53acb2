using System.Text.Json;
using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>
/// The published hello plugin driven through the reference libcni 1.1.2, as a runtime drives it:
/// libcni checks the result's version and shape, caches it, and hands it back to CHECK and DEL.
/// </summary>
public sealed class LibcniHelloTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-libcni-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("0.2.0")]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public async Task ADD_CHECK_DEL_and_DEL_again_through_libcni(string version)
    {
        _ = LibcniDriver.Path;
        _ = HelloPlugin.Path;
        var config = Path.Combine(_directory, "hello.conf");
        await File.WriteAllTextAsync(config, $$"""{"cniVersion":"{{version}}","name":"cnit-libcni","type":"hello","address":"10.22.0.5/24","gateway":"10.22.0.1"}""", TestContext.Current.CancellationToken);
        var cache = Path.Combine(_directory, "cache");

        Task<(string Stdout, string Stderr, int ExitCode)> Run(string verb)
            => LibcniDriver.RunAsync(verb, config, RepositoryPaths.Plugins, cache, "/var/run/netns/cnit-libcni", "cnit-ctr");

        var add = await Run("add");
        Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
        using var result = JsonDocument.Parse(add.Stdout);
        Assert.Equal(version, result.RootElement.GetProperty("cniVersion").GetString());
        var cached = Path.Combine(cache, "results", "cnit-libcni-cnit-ctr-eth0");
        Assert.True(File.Exists(cached), "libcni cached the result");

        if (version is "0.4.0" or "1.0.0")
        {
            var check = await Run("check");
            Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        }

        var del = await Run("del");
        var again = await Run("del");
        Assert.True(del.ExitCode == 0, del.Stdout + del.Stderr);
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.False(File.Exists(cached), "DEL removed the cached result");
    }

    [Fact]
    public async Task A_plugin_error_reaches_libcni_with_its_code()
    {
        _ = LibcniDriver.Path;
        _ = HelloPlugin.Path;
        var config = Path.Combine(_directory, "bad.conf");
        await File.WriteAllTextAsync(config, """{"cniVersion":"1.0.0","name":"cnit-libcni","type":"hello"}""", TestContext.Current.CancellationToken);

        var add = await LibcniDriver.RunAsync("add", config, RepositoryPaths.Plugins, Path.Combine(_directory, "cache"), "/var/run/netns/cnit-libcni", "cnit-ctr");

        Assert.Equal(1, add.ExitCode);
        using var error = JsonDocument.Parse(add.Stdout);
        Assert.Equal(7, error.RootElement.GetProperty("code").GetInt32());
        Assert.StartsWith("plugin type=\"hello\" name=\"cnit-libcni\" failed (add): hello: \"address\" is required", error.RootElement.GetProperty("msg").GetString(), StringComparison.Ordinal);
    }
}
