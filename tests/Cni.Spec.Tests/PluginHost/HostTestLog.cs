using Cni.Testing;
using Microsoft.Extensions.Logging;

namespace Cni.Tests.PluginHost;

internal static partial class HostTestLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "quiet")]
    public static partial void Quiet(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "loud")]
    public static partial void Loud(ILogger logger);

    /// <summary>Runs DEL with the log going to <paramref name="path"/> at warning; asserts a clean run and one line in the log, and returns it.</summary>
    public static async Task<string> SingleLineOfDelAsync(CniPlugin<HostTestConfig> plugin, string path, CancellationToken cancellationToken)
    {
        var stdin = $$"""{"cniVersion":"1.0.0","name":"n","type":"t","logFile":"{{path}}","logLevel":"warning"}""";

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment("DEL"), stdin, cancellationToken);

        Assert.Equal(new CniPluginOutput("", "", 0), output);
        return Assert.Single(await File.ReadAllLinesAsync(path, cancellationToken));
    }
}
