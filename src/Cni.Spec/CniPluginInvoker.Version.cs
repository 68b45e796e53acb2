using System.Text;
using Cni.Internal.Invoke;

namespace Cni;

/// <content>The VERSION command.</content>
public sealed partial class CniPluginInvoker
{
    /// <inheritdoc/>
    public async Task<PluginVersionInfo> GetVersionInfoAsync(string pluginPath, CancellationToken cancellationToken = default)
    {
        // The dummy values satisfy plugins built with old libraries that required them for every command.
        var args = new CniInvokeArgs { Command = "VERSION", NetNs = "dummy", IfName = "dummy", Path = "dummy" };
        var stdin = Encoding.UTF8.GetBytes($$"""{"cniVersion":"{{CniVersion.Current}}"}""");
        byte[] stdout;
        try
        {
            stdout = await ExecAsync(pluginPath, stdin, args, cancellationToken).ConfigureAwait(false);
        }
        catch (CniException e) when (e.Message == "unknown CNI_COMMAND: VERSION" && e.Details is null)
        {
            // A plugin from before VERSION existed (spec 0.1.0) rejects the command with exactly this text.
            return new PluginVersionInfo(CniVersion.Current, SupportedVersions.Of(CniVersion.V010));
        }

        return VersionInfoJson.Read(stdout);
    }
}
