namespace Cni.Plugins.Internal.Diagnostics;

/// <summary>The attribute names Cni.Plugins puts on spans, events and measurements (docs/observability.md lists them).</summary>
internal static class PluginTags
{
    public const string Operation = "cni.plugins.operation";
    public const string Backend = "cni.plugins.masquerade.backend";
    public const string Table = "cni.plugins.nftables.table";
    public const string NetworkName = "cni.network.name";
    public const string ContainerId = "cni.container_id";
    public const string IfName = "cni.ifname";
    public const string Outcome = "cni.plugins.outcome";
    public const string RollbackSteps = "cni.rollback.steps";
    public const string RollbackFailedSteps = "cni.rollback.failed_steps";
    public const string RollbackReason = "cni.rollback.reason";
    public const string RollbackStep = "cni.rollback.step";
    public const string ErrorType = "error.type";
    public const string ExceptionMessage = "exception.message";

    public const string Success = "success";
    public const string Error = "error";
    public const string Complete = "complete";
    public const string Incomplete = "incomplete";
}
