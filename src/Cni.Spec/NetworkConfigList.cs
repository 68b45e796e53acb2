namespace Cni;

/// <summary>
/// A network configuration list (a <c>.conflist</c>): a named network made of plugins run in order, read
/// with libcni's rules (see docs/config.md). A runtime reads this; a plugin only ever sees one plugin's
/// configuration, with the list's <c>name</c> and <c>cniVersion</c> injected.
/// </summary>
public sealed partial class NetworkConfigList
{
    private NetworkConfigList(string name, CniVersion cniVersion, IReadOnlyList<CniVersion> cniVersions, bool disableCheck, bool disableGC, IReadOnlyList<PluginConfig> plugins, ReadOnlyMemory<byte> json)
    {
        Name = name;
        CniVersion = cniVersion;
        CniVersions = cniVersions;
        DisableCheck = disableCheck;
        DisableGC = disableGC;
        Plugins = plugins;
        Json = json;
    }

    /// <summary>The network name (<c>name</c>), which every plugin receives.</summary>
    public string Name { get; }

    /// <summary>
    /// The spec version the plugins are run with: the highest of <c>cniVersion</c> and <c>cniVersions</c> that
    /// is not newer than <see cref="CniVersion.Current"/>, as libcni 1.2+ chooses; 0.1.0 when neither is given.
    /// </summary>
    public CniVersion CniVersion { get; }

    /// <summary>The versions listed in <c>cniVersions</c>, as written (including ones newer than this library); empty when absent.</summary>
    public IReadOnlyList<CniVersion> CniVersions { get; }

    /// <summary>Whether CHECK is skipped for this network (<c>disableCheck</c>).</summary>
    public bool DisableCheck { get; }

    /// <summary>Whether GC is skipped for this network (<c>disableGC</c>).</summary>
    public bool DisableGC { get; }

    /// <summary>The plugins, in the order ADD runs them (DEL runs them in reverse).</summary>
    public IReadOnlyList<PluginConfig> Plugins { get; }

    /// <summary>The list as read (UTF-8 JSON), which libcni also keeps in its result cache.</summary>
    public ReadOnlyMemory<byte> Json { get; }
}
