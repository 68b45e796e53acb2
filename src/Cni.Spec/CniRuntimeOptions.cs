namespace Cni;

/// <summary>Where a <see cref="CniRuntime"/> finds plugins and keeps its result cache.</summary>
public sealed class CniRuntimeOptions
{
    /// <summary>libcni's default cache directory.</summary>
    public const string DefaultCacheDirectory = "/var/lib/cni";

    /// <summary>The folders searched for plugin binaries, in order (CNI_PATH).</summary>
    public IList<string> PluginPaths { get; } = [];

    /// <summary>
    /// The cache directory: results are kept in <c>results/&lt;network&gt;-&lt;containerID&gt;-&lt;ifname&gt;</c>
    /// in libcni's format, so libcni and this runtime read each other's.
    /// </summary>
    public string CacheDirectory { get; set; } = DefaultCacheDirectory;
}
