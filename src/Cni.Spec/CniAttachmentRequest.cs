using System.Text.Json;

namespace Cni;

/// <summary>
/// What a runtime knows about one attachment of a container to a network (libcni's RuntimeConf):
/// the container, its network namespace, the interface name, CNI_ARGS and capability arguments.
/// </summary>
public sealed class CniAttachmentRequest
{
    /// <summary>The container ID (CNI_CONTAINERID).</summary>
    public required string ContainerId { get; init; }

    /// <summary>The path of the container's network namespace (CNI_NETNS), for example <c>/var/run/netns/pod1</c>.</summary>
    public string NetNs { get; init; } = "";

    /// <summary>The interface name inside the container (CNI_IFNAME).</summary>
    public string IfName { get; init; } = "eth0";

    /// <summary>CNI_ARGS, in order: each pair becomes <c>key=value</c>, joined with <c>;</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; init; } = [];

    /// <summary>
    /// Capability arguments (for example <c>portMappings</c>): each goes into the <c>runtimeConfig</c> of
    /// the plugins whose <c>capabilities</c> enable it.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? CapabilityArgs { get; init; }
}
