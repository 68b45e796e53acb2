using Cni.Samples.Tests.Bridge;
using Cni.Testing;

namespace Cni.Samples.Tests.Ptp;

/// <summary>The published ptp sample (eng/publish.sh ptp), next to the bridge one in artifacts/plugins.</summary>
internal static class PtpPlugin
{
    public static string Path => Requires.Executable(System.IO.Path.Combine(BridgePlugin.Directory, "ptp"));

    /// <summary>A node whose plugins are ours, after checking that ours and the reference ptp are there.</summary>
    public static TestNode Node()
    {
        _ = LibcniDriver.Path;
        _ = Path;
        return TestNode.Ours();
    }

    /// <summary>A node with the reference plugins only.</summary>
    public static TestNode ReferenceNode()
    {
        Requires.Executable("/usr/lib/cni/ptp");
        return TestNode.Reference();
    }
}
