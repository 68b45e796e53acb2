using System.Text;
using System.Text.Json;

namespace Cni.Tests.PluginHost;

/// <summary>
/// Every way of reading a configuration (the plugin's own type through generated metadata or by hand, or
/// the standard keys only) accepts the same nesting.
/// </summary>
public sealed class ConfigDepthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The root object is one level; args adds one more, and each array inside it another.
    [Theory]
    [InlineData(100, 0)]
    [InlineData(997, 0)]
    [InlineData(999, 1)]
    public async Task A_deep_configuration_gives_the_same_answer_through_every_builder(int arrays, int exitCode)
    {
        var stdin = Deep(arrays);
        var typed = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig).Build();
        typed.OnAdd((_, _) => Task.FromResult(new CniResult()));
        var untyped = CniPlugin.CreateBuilder().Build();
        untyped.OnAdd((_, _) => Task.FromResult(new CniResult()));

        var typedOutput = await typed.InvokeAsync(TestPlugins.AddEnvironment(), stdin, Ct);
        var untypedOutput = await untyped.InvokeAsync(TestPlugins.AddEnvironment(), stdin, Ct);
        var byHand = CniPlugin.CreateBuilder(ReadByHand).Build();
        byHand.OnAdd((_, _) => Task.FromResult(new CniResult()));
        var byHandOutput = await byHand.InvokeAsync(TestPlugins.AddEnvironment(), stdin, Ct);

        Assert.Equal(exitCode, typedOutput.ExitCode);
        Assert.Equal(typedOutput, untypedOutput);
        Assert.Equal(typedOutput, byHandOutput);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(998)]
    [InlineData(999)]
    public void Every_parser_takes_or_refuses_the_same_depth(int arrays)
    {
        var json = Encoding.UTF8.GetBytes(Deep(arrays));

        var typed = Record.Exception(() => NetworkConfig.Parse(json, HostTestJson.Default.HostTestConfig));
        var untyped = Record.Exception(() => NetworkConfig.Parse(json));
        var byHand = Record.Exception(() => NetworkConfig.Parse(json, ReadByHand));

        Assert.Equal(typed is null, untyped is null);
        Assert.Equal((typed as CniException)?.Code, (untyped as CniException)?.Code);
        Assert.Equal(untyped?.Message, byHand?.Message);
    }

    private static HostTestConfig ReadByHand(JsonElement json)
        => new() { Greeting = new ConfigObject(json).GetString("greeting") };

    private static string Deep(int arrays)
        => $$$"""{"cniVersion":"1.0.0","name":"n","type":"t","args":{"a":{{{new string('[', arrays)}}}{{{new string(']', arrays)}}}}}""";
}
