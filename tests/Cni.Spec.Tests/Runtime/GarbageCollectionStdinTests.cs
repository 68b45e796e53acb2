using System.Text.Json;
using Cni.Tests.Invoke;

namespace Cni.Tests.Runtime;

/// <summary>
/// What <see cref="CniRuntime.CollectGarbageAsync"/> writes on a plugin's stdin, seen by a shell-script
/// plugin that keeps it. libcni (since 1.2.3) sends the valid attachments under both
/// <c>cni.dev/valid-attachments</c> (the spec's name) and <c>cni.dev/attachments</c> (the name an earlier
/// spec text used), so a plugin that reads only the older name does not release everything.
/// </summary>
public sealed class GarbageCollectionStdinTests : IDisposable
{
    private readonly PluginFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task GC_sends_the_valid_attachments_under_both_names_libcni_uses()
    {
        var recorded = Path.Join(_folder.Path, "gc-stdin.json");
        _folder.Script("recorder", $"[ \"$CNI_COMMAND\" = GC ] && cat > '{recorded}'\nexit 0");
        var options = new CniRuntimeOptions { CacheDirectory = _folder.Folder("cache") };
        options.PluginPaths.Add(_folder.Path);
        var list = NetworkConfigList.Parse("""{"cniVersion":"1.1.0","name":"cnit-gc","plugins":[{"type":"recorder","cni.dev/attachments":"stale"}]}"""u8);
        CniAttachment[] valid = [new() { ContainerId = "c1", IfName = "eth0" }, new() { ContainerId = "c2", IfName = "net1" }];

        await new CniRuntime(options, Quiet.Invoker()).CollectGarbageAsync(list, valid, TestContext.Current.CancellationToken);

        using var stdin = JsonDocument.Parse(File.ReadAllBytes(recorded));
        const string Expected = """[{"containerID":"c1","ifname":"eth0"},{"containerID":"c2","ifname":"net1"}]""";
        Assert.Equal(Expected, stdin.RootElement.GetProperty("cni.dev/valid-attachments").GetRawText());
        Assert.Equal(Expected, stdin.RootElement.GetProperty("cni.dev/attachments").GetRawText());
    }
}
