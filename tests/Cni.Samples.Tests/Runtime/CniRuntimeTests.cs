using System.Text;
using System.Text.Json;
using Cni.Testing;

namespace Cni.Samples.Tests.Runtime;

/// <summary>
/// <see cref="CniRuntime"/> driving real plugins (the published hello, Debian's host-local) and sharing
/// its result cache with the reference libcni (tests/libcni-driver) in both directions.
/// </summary>
public sealed class CniRuntimeTests : IDisposable
{
    private const string NetNs = "/var/run/netns/cnit-runtime";
    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-runtime-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Cache => Path.Combine(_directory, "cache");

    private string DataDir => Path.Combine(_directory, "ipam");

    private CniRuntime Runtime()
    {
        var options = new CniRuntimeOptions { CacheDirectory = Cache };
        options.PluginPaths.Add(RepositoryPaths.Plugins);
        options.PluginPaths.Add("/usr/lib/cni");
        return new CniRuntime(options);
    }

    private static CniAttachmentRequest Attachment(string containerId = "cnit-ctr") => new() { ContainerId = containerId, NetNs = NetNs, IfName = "eth0" };

    /// <summary>Debian's host-local, then hello (which answers with its own address): CHECK and DEL give both the cached final result.</summary>
    private string Chain(string version)
    {
        var ipam = $$"""{"type":"host-local","subnet":"10.41.0.0/24","dataDir":"{{DataDir}}"}""";
        return $$"""
            {"cniVersion":"{{version}}","name":"cnit-chain","plugins":[
              {"type":"host-local","ipam":{{ipam}} },
              {"type":"hello","address":"10.40.0.9/24"} ] }
            """;
    }

    private string WriteConfig(string name, string json)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public async Task ADD_runs_the_chain_in_order_caches_the_last_result_and_DEL_releases(string version)
    {
        _ = HelloPlugin.Path;
        Requires.Executable("/usr/lib/cni/host-local");
        var list = NetworkConfigList.Parse(Encoding.UTF8.GetBytes(Chain(version)));
        var runtime = Runtime();

        var result = await runtime.AddAsync(list, Attachment(), Ct);
        var allocated = File.Exists(Path.Combine(DataDir, "cnit-chain", "10.41.0.2"));
        await runtime.CheckAsync(list, Attachment(), Ct);
        var cached = runtime.GetCachedResult(list, Attachment());
        await runtime.DeleteAsync(list, Attachment(), Ct);
        await runtime.DeleteAsync(list, Attachment(), Ct);

        Assert.True(allocated, "host-local, first in the list, allocated");
        Assert.Equal("10.40.0.9/24", Assert.Single(result.IPs).Address.ToString());
        Assert.Equal(result.ToJson(list.CniVersion), cached!.ToJson(list.CniVersion));
        Assert.False(File.Exists(Path.Combine(Cache, "results", "cnit-chain-cnit-ctr-eth0")));
        Assert.False(File.Exists(Path.Combine(DataDir, "cnit-chain", "10.41.0.2")), "host-local released the address on DEL");
    }

    [Fact]
    public async Task A_plugin_error_is_prefixed_as_libcni_prefixes_it()
    {
        _ = HelloPlugin.Path;
        var list = NetworkConfigList.Parse("""{"cniVersion":"1.0.0","name":"cnit-bad","plugins":[{"type":"hello","name":"first"}]}"""u8);

        var error = await Assert.ThrowsAsync<CniException>(() => Runtime().AddAsync(list, Attachment(), Ct));

        Assert.Equal(CniErrorCode.InvalidNetworkConfig, error.Code);
        Assert.StartsWith("plugin type=\"hello\" name=\"first\" failed (add): hello: \"address\" is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_libcni_reads_our_cache_and_we_read_its()
    {
        _ = HelloPlugin.Path;
        _ = LibcniDriver.Path;
        Requires.Executable("/usr/lib/cni/host-local");
        var configFile = WriteConfig("chain.conflist", Chain("1.0.0"));
        var list = CniConfigDirectory.LoadFile(configFile);
        var runtime = Runtime();
        var cniPath = $"{RepositoryPaths.Plugins}:/usr/lib/cni";

        // Ours adds, libcni checks and deletes with our cache entry.
        await runtime.AddAsync(list, Attachment("cnit-ours"), Ct);
        var check = await LibcniDriver.RunAsync("check", configFile, cniPath, Cache, NetNs, "cnit-ours");
        var del = await LibcniDriver.RunAsync("del", configFile, cniPath, Cache, NetNs, "cnit-ours");

        // libcni adds, ours reads its cache, checks and deletes.
        var add = await LibcniDriver.RunAsync("add", configFile, cniPath, Cache, NetNs, "cnit-theirs");
        var theirs = runtime.GetCachedResult(list, Attachment("cnit-theirs"));
        await runtime.CheckAsync(list, Attachment("cnit-theirs"), Ct);
        await runtime.DeleteAsync(list, Attachment("cnit-theirs"), Ct);

        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        Assert.True(del.ExitCode == 0, del.Stdout + del.Stderr);
        Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
        Assert.Equal(CniResult.Parse(Encoding.UTF8.GetBytes(add.Stdout)).ToJson(list.CniVersion), theirs!.ToJson(list.CniVersion));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Cache, "results")));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(DataDir, "cnit-chain")), f => char.IsDigit(Path.GetFileName(f)[0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("""{"kind":"cniCacheV1","result":"broken"}""")]
    public async Task An_empty_or_corrupt_cache_entry_does_not_block_DEL(string content)
    {
        _ = HelloPlugin.Path;
        Requires.Executable("/usr/lib/cni/host-local");
        var list = NetworkConfigList.Parse(Encoding.UTF8.GetBytes(Chain("1.0.0")));
        var runtime = Runtime();
        await runtime.AddAsync(list, Attachment(), Ct);
        var entry = Path.Combine(Cache, "results", "cnit-chain-cnit-ctr-eth0");
        File.WriteAllText(entry, content);

        await runtime.DeleteAsync(list, Attachment(), Ct);

        Assert.False(File.Exists(entry));
        Assert.False(File.Exists(Path.Combine(DataDir, "cnit-chain", "10.41.0.2")));
    }

    [Fact]
    public async Task CHECK_is_refused_below_0_4_0_and_skipped_with_disableCheck()
    {
        var old = NetworkConfigList.Parse("""{"cniVersion":"0.3.1","name":"n","plugins":[{"type":"hello"}]}"""u8);
        var disabled = NetworkConfigList.Parse("""{"cniVersion":"1.0.0","name":"n","disableCheck":true,"plugins":[{"type":"no-such-plugin"}]}"""u8);

        var error = await Assert.ThrowsAsync<CniException>(() => Runtime().CheckAsync(old, Attachment(), Ct));
        await Runtime().CheckAsync(disabled, Attachment(), Ct);

        Assert.Equal("configuration version \"0.3.1\" does not support the CHECK command", error.Message);
    }

    [Fact]
    public async Task GC_deletes_cached_attachments_that_are_no_longer_valid_and_sends_GC_from_1_1_0()
    {
        _ = HelloPlugin.Path;
        var list = NetworkConfigList.Parse("""{"cniVersion":"1.1.0","name":"cnit-gc","plugins":[{"type":"hello","address":"10.40.0.9/24"}]}"""u8);
        var runtime = Runtime();
        await runtime.AddAsync(list, Attachment("cnit-keep"), Ct);
        await runtime.AddAsync(list, Attachment("cnit-stale"), Ct);

        await runtime.CollectGarbageAsync(list, [new CniAttachment { ContainerId = "cnit-keep", IfName = "eth0" }], Ct);
        await runtime.StatusAsync(list, Ct);

        Assert.Equal(["cnit-gc-cnit-keep-eth0"], Directory.EnumerateFiles(Path.Combine(Cache, "results")).Select(Path.GetFileName));
    }

    [Fact]
    public void The_first_configuration_file_by_name_that_loads_wins()
    {
        WriteConfig("10-broken.conf", "{not json");
        WriteConfig("20-b.conflist", """{"cniVersion":"1.0.0","name":"second","plugins":[{"type":"bridge"}]}""");
        WriteConfig("15-a.conf", """{"cniVersion":"0.4.0","name":"first","type":"bridge"}""");
        WriteConfig("05-ignored.txt", """{"cniVersion":"0.4.0","name":"not-a-config","type":"bridge"}""");

        var first = CniConfigDirectory.LoadFirst(_directory);
        var byName = CniConfigDirectory.Load(_directory, "second");

        Assert.Equal(["10-broken.conf", "15-a.conf", "20-b.conflist"], CniConfigDirectory.Files(_directory).Select(Path.GetFileName));
        Assert.Equal("first", first!.Name);
        Assert.Equal("bridge", Assert.Single(first.Plugins).Type);
        Assert.Equal("second", byName.Name);
    }
}
