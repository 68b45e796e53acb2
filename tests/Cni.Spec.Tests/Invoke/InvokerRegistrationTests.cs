using Microsoft.Extensions.DependencyInjection;

namespace Cni.Tests.Invoke;

public class InvokerRegistrationTests
{
    [Fact]
    public void AddCniPluginInvoker_registers_one_shared_invoker_with_its_options()
    {
        using var provider = new ServiceCollection()
            .AddCniPluginInvoker(o => o.Timeout = TimeSpan.FromSeconds(7))
            .BuildServiceProvider();

        var invoker = provider.GetRequiredService<ICniPluginInvoker>();

        Assert.IsType<CniPluginInvoker>(invoker);
        Assert.Same(invoker, provider.GetRequiredService<ICniPluginInvoker>());
        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<CniPluginInvokerOptions>().Timeout);
    }

    [Fact]
    public async Task An_invoker_registered_first_is_kept()
    {
        var substitute = new CniPluginInvoker(new CniPluginInvokerOptions { Environment = { ["CNI_PATH"] = "" } });
        using var provider = new ServiceCollection()
            .AddSingleton<ICniPluginInvoker>(substitute)
            .AddCniPluginInvoker()
            .BuildServiceProvider();

        var invoker = provider.GetRequiredService<ICniPluginInvoker>();

        Assert.Same(substitute, invoker);
        var error = await Assert.ThrowsAsync<CniException>(() => invoker.DelegateDelAsync("x", "{}"u8.ToArray(), TestContext.Current.CancellationToken));
        Assert.Equal("no paths provided", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(3_000_000_000)]
    public void A_timeout_must_be_positive_and_fit_a_timer(long milliseconds)
    {
        var options = new CniPluginInvokerOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Timeout = TimeSpan.FromMilliseconds(milliseconds));
        Assert.Equal(Timeout.InfiniteTimeSpan, options.Timeout);

        options.Timeout = TimeSpan.FromMilliseconds(1);
        options.Timeout = Timeout.InfiniteTimeSpan;
        Assert.Equal(Timeout.InfiniteTimeSpan, options.Timeout);
    }
}
