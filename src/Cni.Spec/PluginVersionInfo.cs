namespace Cni;

/// <summary>What a plugin answers to the VERSION command: the spec version of its answer and the versions it supports.</summary>
public sealed class PluginVersionInfo
{
    /// <summary>Creates the answer of a plugin (for example in a substitute <see cref="ICniPluginInvoker"/>).</summary>
    /// <param name="cniVersion">The spec version of the answer, usually the newest the plugin's library implements.</param>
    /// <param name="supportedVersions">The spec versions the plugin accepts in a configuration.</param>
    public PluginVersionInfo(CniVersion cniVersion, SupportedVersions supportedVersions)
    {
        ArgumentNullException.ThrowIfNull(supportedVersions);
        CniVersion = cniVersion;
        SupportedVersions = supportedVersions;
    }

    /// <summary>The <c>cniVersion</c> of the answer.</summary>
    public CniVersion CniVersion { get; }

    /// <summary>The <c>supportedVersions</c> of the answer.</summary>
    public SupportedVersions SupportedVersions { get; }
}
