using System.Diagnostics;
using System.Text;
using Cni.Ipam.Internal.FileStore;
using Cni.Testing;

namespace Cni.Ipam.Tests;

/// <summary>The file store: host-local's layout, the owner index kept right when files change behind it, crash leftovers.</summary>
public sealed class FileStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly IpamFileStore _store = new();
    private readonly IpamAllocator _allocator;

    public FileStoreTests() => _allocator = new IpamAllocator(_store);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Net => _dir.Network();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Writes_host_locals_layout()
    {
        var config = Ipam.Load($$"""{"dataDir":"{{_dir.Path}}","ranges":[[{"subnet":"10.0.0.0/24"}],[{"subnet":"fd00::/64"}]]}""");
        await _allocator.AddAsync(config, " c1 ", "eth0", Ct);
        Assert.Equal("c1\r\neth0", await File.ReadAllTextAsync(Path.Combine(Net, "10.0.0.2"), Ct));
        Assert.Equal("c1\r\neth0", await File.ReadAllTextAsync(Path.Combine(Net, "fd00::2"), Ct));
        Assert.Equal("10.0.0.2", await File.ReadAllTextAsync(Path.Combine(Net, "last_reserved_ip.0"), Ct));
        Assert.Equal("fd00::2", await File.ReadAllTextAsync(Path.Combine(Net, "last_reserved_ip.1"), Ct));
        Assert.True(File.Exists(Path.Combine(Net, "lock")));
        Assert.Equal(
            ["10.0.0.2", "fd00::2", "last_reserved_ip.0", "last_reserved_ip.1", "lock"],
            Directory.GetFiles(Net).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await _allocator.DeleteAsync(config, "c1", "eth0", Ct)).Count);
        Assert.False(File.Exists(Path.Combine(Net, "10.0.0.2")));
    }

    [Fact]
    public async Task Resumes_after_the_cursor_another_writer_left()
    {
        var config = Ipam.Subnet("10.0.0.0/24", _dir.Path);
        Directory.CreateDirectory(Net);
        await File.WriteAllTextAsync(Path.Combine(Net, "last_reserved_ip.0"), "10.0.0.200", Ct);
        Assert.Equal("10.0.0.201/24", (await _allocator.AddAsync(config, "c1", "eth0", Ct)).IPs[0].Text());
    }

    [Fact]
    public async Task Sees_files_created_and_deleted_behind_its_back()
    {
        var config = Ipam.Subnet("10.0.0.0/24", _dir.Path);
        await _allocator.AddAsync(config, "c1", "eth0", Ct);
        Assert.False(await RebuildsAsync(config));

        // Another writer adds an allocation: ours must find it by owner, skip it, and release it on DEL.
        await File.WriteAllTextAsync(Path.Combine(Net, "10.0.0.3"), "other\r\neth0", Ct);
        Assert.True(await RebuildsAsync(config));
        await _allocator.CheckAsync(config, "other", "eth0", Ct);
        Assert.Equal("10.0.0.4/24", (await _allocator.AddAsync(config, "c2", "eth0", Ct)).IPs[0].Text());
        Assert.Single(await _allocator.DeleteAsync(config, "other", "eth0", Ct));
        Assert.False(File.Exists(Path.Combine(Net, "10.0.0.3")));

        // Another writer releases ours and gives the same address to someone else (same name, maybe the same inode).
        File.Delete(Path.Combine(Net, "10.0.0.2"));
        await File.WriteAllTextAsync(Path.Combine(Net, "10.0.0.2"), "thief\r\neth0", Ct);
        await Assert.ThrowsAsync<CniException>(() => _allocator.CheckAsync(config, "c1", "eth0", Ct));
        await _allocator.CheckAsync(config, "thief", "eth0", Ct);
        Assert.Empty(await _allocator.DeleteAsync(config, "c1", "eth0", Ct));
        Assert.Equal("thief\r\neth0", await File.ReadAllTextAsync(Path.Combine(Net, "10.0.0.2"), Ct));
        Assert.False(await RebuildsAsync(config));
    }

    [Fact]
    public async Task A_torn_or_foreign_index_is_rebuilt()
    {
        var config = Ipam.Subnet("10.0.0.0/24", _dir.Path);
        await _allocator.AddAsync(config, "c1", "eth0", Ct);
        await _allocator.AddAsync(config, "c2", "eth0", Ct);
        var index = Path.Combine(Net, ".cni-ipam-index");
        var bytes = await File.ReadAllBytesAsync(index, Ct);
        Assert.Equal("CNIIDX03"u8.ToArray(), bytes[..8]);

        bytes[^3] ^= 0x20;
        await File.WriteAllBytesAsync(index, bytes, Ct);
        Assert.True(await RebuildsAsync(config));
        await _allocator.CheckAsync(config, "c2", "eth0", Ct);

        await File.WriteAllBytesAsync(index, bytes[..(bytes.Length / 2)], Ct);
        Assert.True(await RebuildsAsync(config));
        Assert.Single(await _allocator.DeleteAsync(config, "c1", "eth0", Ct));
    }

    [Fact]
    public async Task Crash_leftovers_do_not_block_allocation_and_GC_cleans_them()
    {
        var config = Ipam.Subnet("10.0.0.0/24", _dir.Path);
        Directory.CreateDirectory(Net);
        await File.WriteAllTextAsync(Path.Combine(Net, "10.0.0.2"), "", Ct);
        await File.WriteAllTextAsync(Path.Combine(Net, "10.0.0.3"), "  \n", Ct);
        await File.WriteAllTextAsync(Path.Combine(Net, "10.0.0.4"), "legacy-id", Ct);
        Assert.Equal("10.0.0.5/24", (await _allocator.AddAsync(config, "c1", "eth0", Ct)).IPs[0].Text());

        var session = await _store.OpenAsync(config, Ct);
        await using (session)
        {
            var all = await session.ListAsync(Ct);
            Assert.Equal(2, all.Count(a => a.IsDamaged));
            Assert.Contains(all, a => a.Owner == new IpamOwner("legacy-id", "") && !a.IsDamaged);
        }

        var released = await _allocator.CollectGarbageAsync(config, [new() { ContainerId = "c1", IfName = "eth0" }, new() { ContainerId = "legacy-id", IfName = "eth7" }], Ct);
        Assert.Equal(["10.0.0.2", "10.0.0.3"], released.Select(a => a.Address.ToString()).Order());
        Assert.True(File.Exists(Path.Combine(Net, "10.0.0.4")));
        Assert.True(File.Exists(Path.Combine(Net, "lock")));
        Assert.True(File.Exists(Path.Combine(Net, "last_reserved_ip.0")));

        // DEL of any interface of the legacy container releases its record when it holds no exact one.
        Assert.Single(await _allocator.DeleteAsync(config, "legacy-id", "eth0", Ct));
    }

    [Fact]
    public async Task Walks_past_a_long_run_of_taken_addresses_and_exhausts()
    {
        var config = Ipam.Subnet("10.0.0.0/23", _dir.Path);
        var session = await _store.OpenAsync(config, Ct);
        await using (session)
        {
            for (var i = 2; i < 511; i++)
            {
                Assert.True(await session.TryReserveAsync(Ipam.IP($"10.0.{i / 256}.{i % 256}"), new IpamOwner($"c{i}", "eth0"), 0, Ct));
            }

            // Released in a session that already built its position map: the swapped entry must stay findable.
            Assert.True(await session.ReleaseAsync(new IpamAllocation(Ipam.IP("10.0.1.200"), new IpamOwner("c456", "eth0")), Ct));
            Assert.False(await session.TryReserveAsync(Ipam.IP("10.0.1.253"), new IpamOwner("x", "eth0"), 0, Ct));
        }

        // The cursor is at the end: the walk wraps, passes 453 taken addresses, and finds the one freed.
        Assert.Equal("10.0.1.200/23", (await _allocator.AddAsync(config, "late", "eth0", Ct)).IPs[0].Text());
        await Assert.ThrowsAsync<CniException>(() => _allocator.AddAsync(config, "later", "eth0", Ct));
    }

    [Fact]
    public async Task Parallel_sessions_never_hand_out_an_address_twice()
    {
        var config = Ipam.Subnet("10.0.0.0/24", _dir.Path);
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => _allocator.AddAsync(config, $"c{i}", "eth0", Ct), Ct)));
        Assert.Equal(32, results.Select(r => r.IPs[0].Address).Distinct().Count());
        var session = await _store.OpenAsync(config, Ct);
        await using (session)
        {
            Assert.Equal(32, (await session.ListAsync(Ct)).Count);
        }
    }

    [Fact]
    public async Task Status_is_code_50_when_the_data_directory_cannot_be_used()
    {
        var file = Path.Combine(_dir.Path, "not-a-directory");
        await File.WriteAllTextAsync(file, "", Ct);
        var error = await Assert.ThrowsAsync<CniException>(() => _allocator.CheckStatusAsync(Ipam.Subnet("10.0.0.0/24", file), Ct));
        Assert.Equal(CniErrorCode.PluginNotAvailable, error.Code);

        var small = Ipam.Subnet("10.0.0.0/30", _dir.Path);
        await _allocator.CheckStatusAsync(small, Ct);
        await _allocator.AddAsync(small, "c1", "eth0", Ct);
        Assert.Equal(CniErrorCode.PluginNotAvailable, (await Assert.ThrowsAsync<CniException>(() => _allocator.CheckStatusAsync(small, Ct))).Code);
    }

    [Fact]
    public async Task Shares_a_directory_with_the_reference_host_local()
    {
        var plugin = Requires.Executable("/usr/lib/cni/host-local");
        var config = Ipam.Subnet("10.0.0.0/24", _dir.Path);
        await _allocator.AddAsync(config, "ours", "eth0", Ct);
        Assert.Contains("10.0.0.3/24", await RunAsync(plugin, "ADD", "theirs"));

        // Its allocation is seen by our owner lookups; our next one resumes after its cursor.
        await _allocator.CheckAsync(config, "theirs", "eth0", Ct);
        Assert.Equal("10.0.0.4/24", (await _allocator.AddAsync(config, "ours2", "eth0", Ct)).IPs[0].Text());

        // Each releases the other's.
        await RunAsync(plugin, "DEL", "ours");
        await Assert.ThrowsAsync<CniException>(() => _allocator.CheckAsync(config, "ours", "eth0", Ct));
        Assert.Single(await _allocator.DeleteAsync(config, "theirs", "eth0", Ct));
        await RunAsync(plugin, "CHECK", "ours2");
        Assert.Contains("Failed to find address added by container theirs", await RunAsync(plugin, "CHECK", "theirs"), StringComparison.Ordinal);
    }

    private async Task<bool> RebuildsAsync(IpamConfiguration config)
    {
        var session = (FileStoreSession)await _store.OpenAsync(config, Ct);
        await using (session)
        {
            await session.FindByOwnerAsync(new IpamOwner("nobody", "eth0"), Ct);
            return session.Rebuilt;
        }
    }

    private async Task<string> RunAsync(string plugin, string command, string containerId)
    {
        var start = new ProcessStartInfo(plugin) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CNI_COMMAND"] = command;
        start.Environment["CNI_CONTAINERID"] = containerId;
        start.Environment["CNI_NETNS"] = "/proc/self/ns/net";
        start.Environment["CNI_IFNAME"] = "eth0";
        start.Environment["CNI_PATH"] = "/usr/lib/cni";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(new StringBuilder($$$"""{"cniVersion":"1.0.0","name":"net1","type":"bridge","ipam":{"type":"host-local","dataDir":"{{{_dir.Path}}}","subnet":"10.0.0.0/24"}}"""), Ct);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return output;
    }
}
