namespace Cni.Testing;

/// <summary>
/// Runs plugins through the reference libcni, as a container runtime does: artifacts/tools/libcni-driver,
/// built by eng/build-libcni-driver.sh from tests/libcni-driver over Debian's libcni 1.1.2.
/// </summary>
public static class LibcniDriver
{
    /// <summary>The driver binary; missing, the test is skipped locally and fails under CI=true.</summary>
    public static string Path => Requires.Executable(System.IO.Path.Combine(RepositoryPaths.Root, "artifacts", "tools", "libcni-driver"));

    /// <summary>Runs one verb of libcni on a configuration file.</summary>
    /// <param name="verb"><c>add</c>, <c>check</c>, <c>del</c> or <c>validate</c>.</param>
    /// <param name="configFile">A .conf, .json or .conflist file.</param>
    /// <param name="cniPath">Where libcni looks for plugins (CNI_PATH).</param>
    /// <param name="cacheDir">libcni's result cache directory.</param>
    /// <param name="netNs">CNI_NETNS for the plugins.</param>
    /// <param name="containerId">CNI_CONTAINERID.</param>
    /// <param name="ifName">CNI_IFNAME.</param>
    /// <returns>What the driver printed (the result, or the error as JSON) and its exit status.</returns>
    public static Task<(string Stdout, string Stderr, int ExitCode)> RunAsync(
        string verb, string configFile, string cniPath, string cacheDir, string netNs, string containerId, string ifName = "eth0")
        => PluginProcess.RunAsync(
            Path,
            new Dictionary<string, string> { ["CNI_PATH"] = cniPath, ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" },
            "",
            [verb, "-config", configFile, "-cache", cacheDir, "-netns", netNs, "-id", containerId, "-ifname", ifName]);
}
