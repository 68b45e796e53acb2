namespace Cni;

/// <summary>
/// The CNI_* variables a runtime passes to a plugin it runs: one operation on one attachment.
/// Every variable is set, empty when its property is empty, as libcni does.
/// </summary>
public sealed class CniInvokeArgs
{
    /// <summary><c>CNI_COMMAND</c>: <c>ADD</c>, <c>DEL</c>, <c>CHECK</c>, <c>GC</c>, <c>STATUS</c> or <c>VERSION</c>.</summary>
    public required string Command { get; init; }

    /// <summary><c>CNI_CONTAINERID</c>: the container's ID.</summary>
    public string ContainerId { get; init; } = "";

    /// <summary><c>CNI_NETNS</c>: the path of the container's network namespace, for example <c>/var/run/netns/ctr</c>.</summary>
    public string NetNs { get; init; } = "";

    /// <summary><c>CNI_IFNAME</c>: the interface to create inside the container, for example <c>eth0</c>.</summary>
    public string IfName { get; init; } = "";

    /// <summary><c>CNI_ARGS</c>: extra arguments as <c>K=V;K2=V2</c>.</summary>
    public string Args { get; init; } = "";

    /// <summary><c>CNI_PATH</c>: the folders the plugin searches for the plugins it delegates to, joined by <c>:</c>.</summary>
    public string Path { get; init; } = "";

    internal IEnumerable<KeyValuePair<string, string>> ToEnvironment()
    {
        yield return new("CNI_COMMAND", Command);
        yield return new("CNI_CONTAINERID", ContainerId);
        yield return new("CNI_NETNS", NetNs);
        yield return new("CNI_ARGS", Args);
        yield return new("CNI_IFNAME", IfName);
        yield return new("CNI_PATH", Path);
    }
}
