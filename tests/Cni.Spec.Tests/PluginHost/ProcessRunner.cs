using Cni.Testing;

namespace Cni.Tests.PluginHost;

/// <summary>Runs an executable the way a runtime runs a plugin, as a <see cref="CniPluginOutput"/>.</summary>
internal static class ProcessRunner
{
    public static async Task<CniPluginOutput> RunAsync(string path, IReadOnlyDictionary<string, string> environment, string stdin)
    {
        var (stdout, stderr, exitCode) = await PluginProcess.RunAsync(path, environment, stdin);
        return new CniPluginOutput(stdout, stderr, exitCode);
    }
}
