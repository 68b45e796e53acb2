using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>
/// A host-local killed with SIGKILL in the middle of an allocation (the runtime timed out, the node ran
/// out of memory) must leave nothing that GC with the valid attachments cannot clean, and the next ADDs
/// must work.
/// </summary>
public sealed class HostLocalCrashTests(ITestOutputHelper output)
{
    /// <summary>At least this many kills, and at least <see cref="MinimumOrphans"/> of them after the address was taken.</summary>
    private const int MinimumRounds = 100;

    private const int MinimumOrphans = 3;

    private const int MaximumRounds = 600;

    [Fact]
    public async Task After_kills_at_random_moments_GC_leaves_exactly_the_live_allocations()
    {
        var ours = HostLocalPlugin.Ours;
        using var dataDir = new HostLocalDataDir();
        var ipam = "'subnet':'10.21.0.0/16'";
        var config = dataDir.Config(ipam, "1.1.0");
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);

        // Attachments whose ADD finished and was reported; the runtime knows only these.
        var live = new Dictionary<string, string>();

        // Kill within the time a whole ADD takes on this machine now, so kills land from start-up to exit:
        // the median of five timed ADDs (one slow first run must not widen the window so far that few
        // kills land between the reservation and the exit).
        var durations = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = await HostLocalPlugin.AddAsync(ours, config, $"cnit-timed-{i}");
            durations.Add(started.ElapsedMilliseconds);
            live[result.IPs.Single().Address.Address.ToString()] = $"cnit-timed-{i}\r\neth0";
        }

        var window = (durations.Order().ElementAt(2) * 5 / 4) + 1;

        var killed = 0;
        var orphans = 0;
        var round = 0;
        for (; round < MaximumRounds && (round < MinimumRounds || orphans < MinimumOrphans); round++)
        {
            var id = $"cnit-crash-{round}";
            using var plugin = StartedPlugin.Start(ours, HostLocalPlugin.Environment("ADD", id));
            await plugin.ReleaseAsync(config);

            Thread.Sleep(random.Next(0, (int)window));
            plugin.Kill();
            var (stdout, stderr, exitCode) = await plugin.WaitAsync();
            if (exitCode == 0)
            {
                var address = CniResult.Parse(System.Text.Encoding.UTF8.GetBytes(stdout)).IPs.Single().Address.Address.ToString();
                live[address] = id + "\r\neth0";
            }
            else
            {
                Assert.True(exitCode == 137, $"round {round}: exit {exitCode}, not killed: {stdout} {stderr}");
                killed++;

                // Killed after taking its address: the runtime never learns of it, so only GC can free it.
                orphans = dataDir.Allocations().Count - live.Count;
            }
        }

        output.WriteLine($"{round} rounds within {window} ms: {killed} killed, {orphans} of them after taking an address, {live.Count} finished");
        Assert.True(orphans >= MinimumOrphans, $"only {orphans} kills landed after the reservation in {round} rounds");
        Assert.InRange(killed - orphans, 1, killed);

        var valid = live.Values.Select(v => v.Split("\r\n")).Select(p => (p[0], p[1])).ToArray();
        var gc = await HostLocalPlugin.RunAsync(ours, "GC", HostLocalCompatibilityTests.GcConfig(dataDir, ipam, valid));

        Assert.Equal(new CniPluginOutput("", "", 0), gc);
        Assert.Equal(new SortedDictionary<string, string>(live, StringComparer.Ordinal), dataDir.Allocations());
        Assert.All(dataDir.Files(), name => Assert.True(
            live.ContainsKey(name) || name == "lock" || name == "last_reserved_ip.0",
            $"{name} left in the data directory"));

        // The next ADDs work, by ours and by the reference, and take addresses nobody holds.
        var next = await HostLocalPlugin.AddAsync(ours, config, "cnit-after-1");
        var nextByReference = await HostLocalPlugin.AddAsync(HostLocalPlugin.Reference, dataDir.Config(ipam), "cnit-after-2");
        Assert.DoesNotContain(next.IPs.Single().Address.Address.ToString(), live.Keys);
        Assert.DoesNotContain(nextByReference.IPs.Single().Address.Address.ToString(), live.Keys);
        Assert.Equal(live.Count + 2, dataDir.Allocations().Count);
    }
}
