using System.Net;
using CsCheck;

namespace Cni.Ipam.Tests;

/// <summary>
/// The file store against the memory store: the same random sequence of ADD and DEL, with another writer
/// (standing for the reference plugin) creating and deleting address files behind the file store's index,
/// gives the same results on both.
/// </summary>
public sealed class FileStorePropertyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // 0: ADD, 1: DEL, 2: another writer reserves an address, 3: another writer deletes a container's file.
    private static readonly Gen<(int Kind, int Container, int Address)[]> GenOperations =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 9], Gen.Int[1, 14]).Array[1, 40];

    [Fact]
    public async Task Behaves_as_the_memory_store_with_changes_behind_its_back()
    {
        await GenOperations.SampleAsync(async operations =>
        {
            using var dir = new TempDir();
            var config = Ipam.Subnet("10.0.0.0/28", dir.Path);
            Directory.CreateDirectory(dir.Network());
            var memoryStore = new IpamMemoryStore();
            var memory = new IpamAllocator(memoryStore);
            var file = new IpamAllocator(new IpamFileStore());
            foreach (var (kind, container, address) in operations)
            {
                var id = $"c{container}";
                switch (kind)
                {
                    case 0:
                        Assert.Equal(await Outcome(() => memory.AddAsync(config, id, "eth0", Ct)), await Outcome(() => file.AddAsync(config, id, "eth0", Ct)));
                        break;
                    case 1:
                        Assert.Equal(
                            (await memory.DeleteAsync(config, id, "eth0", Ct)).Select(a => a.Address).Order(),
                            (await file.DeleteAsync(config, id, "eth0", Ct)).Select(a => a.Address).Order());
                        break;
                    case 2:
                        var ip = IPAddress.Parse($"10.0.0.{address}");
                        var session = await memoryStore.OpenAsync(config, Ct);
                        await using (session)
                        {
                            if (address != 1 && await session.TryReserveAsync(ip, new IpamOwner($"f{container}", "eth0"), 0, Ct))
                            {
                                await File.WriteAllTextAsync(Path.Combine(dir.Network(), ip.ToString()), $"f{container}\r\neth0", Ct);
                                await File.WriteAllTextAsync(Path.Combine(dir.Network(), "last_reserved_ip.0"), ip.ToString(), Ct);
                            }
                        }

                        break;
                    default:
                        foreach (var gone in await memory.DeleteAsync(config, id, "eth0", Ct))
                        {
                            File.Delete(Path.Combine(dir.Network(), gone.Address.ToString()));
                        }

                        break;
                }
            }
        }, iter: 40, threads: 1);
    }

    private static async Task<string> Outcome(Func<Task<CniResult>> add)
    {
        try
        {
            return string.Join(',', (await add()).IPs.Select(ip => ip.Text()));
        }
        catch (CniException e)
        {
            return e.Message;
        }
    }
}
