using System.Text.Json.Serialization;

namespace Cni;

/// <summary>
/// An attachment that is still in use, as the runtime lists them for GC in
/// <c>cni.dev/valid-attachments</c>: a container and the interface name it has on this network.
/// </summary>
[GenerateConfigReader]
public sealed partial class CniAttachment
{
    /// <summary>The container ID (<c>containerID</c>).</summary>
    [JsonPropertyName("containerID")]
    public string ContainerId { get; set; } = "";

    /// <summary>The interface name inside the container (<c>ifname</c>).</summary>
    [JsonPropertyName("ifname")]
    public string IfName { get; set; } = "";
}
