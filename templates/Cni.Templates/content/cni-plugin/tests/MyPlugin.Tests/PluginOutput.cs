using System.Text.Json;

namespace MyPlugin.Tests;

/// <summary>What one run of the plugin printed, and its exit status.</summary>
internal sealed record PluginOutput(string Stdout, string Stderr, int ExitCode)
{
    /// <summary>The run's stdout as JSON: a result, a VERSION answer or a spec error.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}, stdout: {Stdout}, stderr: {Stderr}";
}
