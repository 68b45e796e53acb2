using Cni.Tests.Invoke;

namespace Cni.Tests.Observability;

/// <summary>
/// A shell-script plugin that writes the trace variables it was started with to <c>&lt;its name&gt;.trace</c>
/// in its folder (<c>&lt;unset&gt;</c> for one not in its environment) and prints a valid 1.0.0 result.
/// </summary>
internal static class TraceRecordingPlugin
{
    public const string Unset = "<unset>";

    /// <summary>Writes the plugin into <paramref name="folder"/> (or its sub-folder) and returns its path.</summary>
    public static string Write(PluginFolder folder, string name) => folder.Script(
        name,
        """
        printf '%s\n%s\n%s\n' "${TRACEPARENT-<unset>}" "${TRACESTATE-<unset>}" "${BAGGAGE-<unset>}" > "$0.trace"
        printf '{"cniVersion":"1.0.0"}'
        """);

    /// <summary>What the plugin at <paramref name="pluginPath"/> recorded when it ran.</summary>
    public static TraceVariables Read(string pluginPath)
    {
        var lines = File.ReadAllLines(pluginPath + ".trace");
        return new TraceVariables(lines[0], lines[1], lines[2]);
    }
}
