using Cni.Ipam.Internal.FileStore;
using Microsoft.Extensions.DependencyInjection;

namespace Cni.Ipam.Tests;

public sealed class ServiceTests
{
    [Fact]
    public void AddHostLocalIpam_registers_the_allocator_over_the_file_store()
    {
        using var services = new ServiceCollection().AddHostLocalIpam().BuildServiceProvider();
        Assert.IsType<IpamFileStore>(services.GetRequiredService<IIpamStore>());
        Assert.Same(services.GetRequiredService<IpamAllocator>(), services.GetRequiredService<IpamAllocator>());
    }

    [Fact]
    public void The_first_store_registered_wins()
    {
        using var services = new ServiceCollection().AddIpamMemoryStore().AddHostLocalIpam().BuildServiceProvider();
        Assert.IsType<IpamMemoryStore>(services.GetRequiredService<IIpamStore>());
    }

    [Fact]
    public void Waiting_out_the_clock_tick_returns_only_once_the_clock_is_past_the_recorded_times()
    {
        // Times 30 ms ahead stand for a change made in the current (coarse) tick.
        var target = DateTimeOffset.UtcNow.AddMilliseconds(30);
        var seconds = target.ToUnixTimeSeconds();
        var nanoseconds = (uint)(target.ToUnixTimeMilliseconds() % 1000 * 1_000_000);
        DirectoryClock.WaitPast(new DirectoryStamp(1, seconds, nanoseconds, seconds, nanoseconds));
        Assert.True(DateTimeOffset.UtcNow >= target);
    }
}
