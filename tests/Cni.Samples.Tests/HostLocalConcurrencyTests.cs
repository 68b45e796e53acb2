using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>
/// Many host-local processes on one data directory at the same moment, as a node starting many pods does:
/// the flock on <c>lock</c> must serialise them, ours and the reference alike.
/// </summary>
public sealed class HostLocalConcurrencyTests
{
    private const int Processes = 64;

    [Fact]
    public async Task Sixty_four_processes_at_once_get_sixty_four_distinct_addresses()
    {
        var ours = HostLocalPlugin.Ours;

        await AllocateAtOnceAsync(_ => ours);
    }

    [Fact]
    public async Task Ours_and_the_reference_at_once_get_distinct_addresses()
    {
        var ours = HostLocalPlugin.Ours;
        var reference = HostLocalPlugin.Reference;

        await AllocateAtOnceAsync(i => i % 2 == 0 ? ours : reference);
    }

    /// <summary>
    /// Starts every process first, each blocked reading stdin, then gives them their configuration in one
    /// go, so they contend for the directory instead of running one after another.
    /// </summary>
    private static async Task AllocateAtOnceAsync(Func<int, string> binaryFor)
    {
        using var dataDir = new HostLocalDataDir();
        var config = dataDir.Config("'subnet':'10.20.0.0/24'");
        var plugins = new List<StartedPlugin>();
        try
        {
            for (var i = 0; i < Processes; i++)
            {
                plugins.Add(StartedPlugin.Start(binaryFor(i), HostLocalPlugin.Environment("ADD", $"cnit-{i}")));
            }

            await Task.WhenAll(plugins.Select(p => p.ReleaseAsync(config)));
            var outputs = await Task.WhenAll(plugins.Select(p => p.WaitAsync()));

            var addresses = new Dictionary<string, string>();
            for (var i = 0; i < Processes; i++)
            {
                var (stdout, stderr, exitCode) = outputs[i];
                Assert.True(exitCode == 0, $"process {i} ({binaryFor(i)}) failed: {stdout} {stderr}");
                var address = CniResult.Parse(System.Text.Encoding.UTF8.GetBytes(stdout)).IPs.Single().Address.Address.ToString();
                addresses[address] = $"cnit-{i}\r\neth0";
            }

            Assert.Equal(Processes, addresses.Count);
            Assert.Equal(new SortedDictionary<string, string>(addresses, StringComparer.Ordinal), dataDir.Allocations());
        }
        finally
        {
            plugins.ForEach(p => p.Dispose());
        }
    }
}
