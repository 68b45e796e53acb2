namespace Cni;

/// <summary>
/// The spec versions a plugin accepts: what it answers to the VERSION command and what the plugin
/// host checks a configuration's <c>cniVersion</c> against.
/// </summary>
public sealed class SupportedVersions
{
    private readonly CniVersion[] _versions;

    private SupportedVersions(IEnumerable<CniVersion> versions)
    {
        _versions = [.. versions.Distinct().Order()];
        if (_versions.Length == 0)
        {
            throw new ArgumentException("A plugin must support at least one version.", nameof(versions));
        }
    }

    /// <summary>Every published spec version, 0.1.0 to 1.1.0.</summary>
    public static SupportedVersions All { get; } = new(CniVersion.All);

    /// <summary>Every published spec version from <paramref name="oldest"/> on.</summary>
    /// <param name="oldest">The oldest version accepted.</param>
    public static SupportedVersions From(CniVersion oldest) => new(CniVersion.All.Where(v => v >= oldest));

    /// <summary>Exactly the versions given.</summary>
    /// <param name="versions">The versions accepted.</param>
    public static SupportedVersions Of(params IEnumerable<CniVersion> versions) => new(versions);

    /// <summary>The versions, oldest first.</summary>
    public IReadOnlyList<CniVersion> Versions => _versions;

    /// <summary>The newest version.</summary>
    public CniVersion Newest => _versions[^1];

    /// <summary>Whether <paramref name="version"/> is accepted.</summary>
    /// <param name="version">The version to look for.</param>
    public bool Contains(CniVersion version) => Array.IndexOf(_versions, version) >= 0;

    /// <summary>The versions as libcni lists them: <c>0.1.0, 0.2.0, ...</c>.</summary>
    public override string ToString() => string.Join(", ", _versions);
}
