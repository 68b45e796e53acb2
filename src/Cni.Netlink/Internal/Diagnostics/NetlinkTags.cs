namespace Cni.Netlink.Internal.Diagnostics;

/// <summary>The attribute names Cni.Netlink puts on spans and measurements (docs/observability.md lists them).</summary>
internal static class NetlinkTags
{
    public const string Operation = "cni.netlink.operation";
    public const string LinkKind = "cni.netlink.link.kind";
    public const string LinkName = "cni.netlink.link.name";
    public const string LinkIndex = "cni.netlink.link.index";
    public const string Errno = "cni.netlink.errno";
    public const string Outcome = "cni.netlink.outcome";
    public const string WaitTimeout = "cni.netlink.wait.timeout";

    public const string Success = "success";
    public const string Error = "error";
    public const string Matched = "matched";
    public const string TimedOut = "timed_out";
}
