namespace Cni.Internal.Host;

/// <summary>The CNI_* variables a runtime sets, and which of them each command requires.</summary>
internal static class CniEnvironment
{
    public const string Command = "CNI_COMMAND";
    public const string ContainerId = "CNI_CONTAINERID";
    public const string NetNs = "CNI_NETNS";
    public const string IfName = "CNI_IFNAME";
    public const string Args = "CNI_ARGS";
    public const string Path = "CNI_PATH";
    public const string NetNsOverride = "CNI_NETNS_OVERRIDE";

    // The order libcni's skel reports missing variables in.
    private static readonly string[] ReportOrder = [Command, ContainerId, NetNs, IfName, Args, Path];

    /// <summary>
    /// Throws code 4 naming every variable the command needs that is unset or empty, in one error,
    /// as skel does: <c>required env variables [CNI_NETNS,CNI_PATH] missing</c>.
    /// </summary>
    public static void ThrowIfMissing(string? command, Func<string, string?> environment)
    {
        List<string>? missing = null;
        foreach (var name in ReportOrder)
        {
            if (IsRequired(command, name) && string.IsNullOrEmpty(environment(name)))
            {
                (missing ??= []).Add(name);
            }
        }

        if (missing is not null)
        {
            throw new CniException(CniErrorCode.InvalidEnvironmentVariables, $"required env variables [{string.Join(',', missing)}] missing");
        }
    }

    private static bool IsRequired(string? command, string name) => name switch
    {
        Command => true,
        ContainerId or IfName => command is "ADD" or "CHECK" or "DEL",
        NetNs => command is "ADD" or "CHECK",
        Path => command is "ADD" or "CHECK" or "DEL" or "GC" or "STATUS",
        _ => false,
    };
}
