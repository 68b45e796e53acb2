using System.Text;

namespace Cni.Tests.PluginHost;

/// <summary>Both ways of reading a configuration (the plugin's own type, or the standard keys only) accept the same nesting.</summary>
public sealed class ConfigDepthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The root object is one level; args adds one more, and each array inside it another.
    [Theory]
    [InlineData(100, 0)]
    [InlineData(997, 0)]
    [InlineData(999, 1)]
    public async Task A_deep_configuration_gives_the_same_answer_through_both_builders(int arrays, int exitCode)
    {
        var stdin = Deep(arrays);
        var typed = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig).Build();
        typed.OnAdd((_, _) => Task.FromResult(new CniResult()));
        var untyped = CniPlugin.CreateBuilder().Build();
        untyped.OnAdd((_, _) => Task.FromResult(new CniResult()));

        var typedOutput = await typed.InvokeAsync(TestPlugins.AddEnvironment(), stdin, Ct);
        var untypedOutput = await untyped.InvokeAsync(TestPlugins.AddEnvironment(), stdin, Ct);

        Assert.Equal(exitCode, typedOutput.ExitCode);
        Assert.Equal(typedOutput, untypedOutput);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(998)]
    [InlineData(999)]
    public void Both_parsers_take_or_refuse_the_same_depth(int arrays)
    {
        var json = Encoding.UTF8.GetBytes(Deep(arrays));

        var typed = Record.Exception(() => NetworkConfig.Parse(json, HostTestJson.Default.HostTestConfig));
        var untyped = Record.Exception(() => NetworkConfig.Parse(json));

        Assert.Equal(typed is null, untyped is null);
        Assert.Equal((typed as CniException)?.Code, (untyped as CniException)?.Code);
    }

    private static string Deep(int arrays)
        => $$$"""{"cniVersion":"1.0.0","name":"n","type":"t","args":{"a":{{{new string('[', arrays)}}}{{{new string(']', arrays)}}}}}""";
}
