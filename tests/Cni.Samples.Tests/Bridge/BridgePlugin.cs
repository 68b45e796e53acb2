using System.Reflection;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>The published bridge sample (eng/publish.sh bridge), and the same built with the exporter (eng/publish.sh --otel bridge).</summary>
internal static class BridgePlugin
{
    public static string TracedPath => Requires.Executable(System.IO.Path.GetFullPath(System.IO.Path.Combine(
        typeof(BridgePlugin).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TracedPluginsDirectory").Value!,
        "bridge")));

    public static string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public static string Path => Requires.Executable(System.IO.Path.GetFullPath(System.IO.Path.Combine(
        typeof(BridgePlugin).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginsDirectory").Value!,
        "bridge")));
}
