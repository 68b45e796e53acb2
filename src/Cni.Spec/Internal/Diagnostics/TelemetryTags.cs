namespace Cni.Internal.Diagnostics;

/// <summary>The attribute names Cni.Spec puts on spans and measurements (docs/observability.md lists them).</summary>
internal static class TelemetryTags
{
    public const string Command = "cni.command";
    public const string ContainerId = "cni.container_id";
    public const string IfName = "cni.ifname";
    public const string NetworkName = "cni.network.name";
    public const string PluginType = "cni.plugin.type";
    public const string PluginPath = "cni.plugin.path";
    public const string Version = "cni.version";
    public const string ErrorCode = "cni.error.code";
    public const string Outcome = "cni.outcome";

    public const string Success = "success";
    public const string Error = "error";
}
