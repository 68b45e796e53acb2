using System.Text.Json;

namespace Cni.Cluster;

/// <summary>
/// The CNI network configuration list a node's pods get: the bridge plugin with host-local over the
/// node's pod block, gateway on the bridge, no <c>ipMasq</c> (traffic to other pods keeps its source;
/// Cni.Plugins' <c>OutboundMasquerade</c> is for traffic leaving the cluster), then portmap for
/// <c>hostPort</c>s. Written where the runtime reads configurations, atomically, under a name that
/// sorts first (kubelet and containerd take the first file by name).
/// </summary>
public sealed class NodeNetworkConfig
{
    /// <summary>The file name <see cref="WriteTo"/> uses: <c>00-</c> sorts before the usual <c>10-</c> files.</summary>
    public const string DefaultFileName = "00-cni-cluster.conflist";

    /// <summary>The network's name (the list's <c>name</c>; host-local keeps its allocations under it).</summary>
    public string NetworkName { get; init; } = "cni-cluster";

    /// <summary>The node's pod block: host-local's range; its first address is the bridge's gateway.</summary>
    public required IPCidr PodBlock { get; init; }

    /// <summary>The bridge's name.</summary>
    public string BridgeName { get; init; } = "cni0";

    /// <summary>The MTU of the bridge and the pods' interfaces; <see langword="null"/> leaves the plugin's default (VXLAN needs the underlay's less 50).</summary>
    public int? Mtu { get; init; }

    /// <summary>host-local's <c>dataDir</c>; <see langword="null"/> leaves its default (<c>/var/lib/cni/networks</c>).</summary>
    public string? IpamDataDirectory { get; init; }

    /// <summary>Whether the chain ends with portmap (the runtime's <c>portMappings</c> capability).</summary>
    public bool PortMappings { get; init; } = true;

    /// <summary>The list's <c>cniVersion</c>.</summary>
    public CniVersion CniVersion { get; init; } = CniVersion.V100;

    /// <summary>The configuration list as UTF-8 JSON.</summary>
    /// <returns>The bytes of the file.</returns>
    public byte[] ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("cniVersion", CniVersion.ToString());
            json.WriteString("name", NetworkName);
            json.WriteStartArray("plugins");

            json.WriteStartObject();
            json.WriteString("type", "bridge");
            json.WriteString("bridge", BridgeName);
            json.WriteBoolean("isGateway", true);
            json.WriteBoolean("ipMasq", false);
            json.WriteBoolean("hairpinMode", true);
            if (Mtu is { } mtu)
            {
                json.WriteNumber("mtu", mtu);
            }

            json.WriteStartObject("ipam");
            json.WriteString("type", "host-local");
            if (IpamDataDirectory is not null)
            {
                json.WriteString("dataDir", IpamDataDirectory);
            }

            json.WriteStartArray("ranges");
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("subnet", PodBlock.Network.ToString());
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("routes");
            json.WriteStartObject();
            json.WriteString("dst", PodBlock.IsIPv4 ? "0.0.0.0/0" : "::/0");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            if (PortMappings)
            {
                json.WriteStartObject();
                json.WriteString("type", "portmap");
                json.WriteStartObject("capabilities");
                json.WriteBoolean("portMappings", true);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes the list into <paramref name="configDirectory"/> so a runtime never reads half a file: a
    /// temporary file in the same directory (a name no runtime loads), flushed to disk, then renamed
    /// over the old one. The directory is created when missing.
    /// </summary>
    /// <param name="configDirectory">The runtime's configuration directory (for example <c>/etc/cni/net.d</c>).</param>
    /// <param name="fileName">The file's name.</param>
    /// <returns>The file's path.</returns>
    public string WriteTo(string configDirectory, string fileName = DefaultFileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(configDirectory);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        Directory.CreateDirectory(configDirectory);
        var path = Path.Combine(configDirectory, fileName);
        var temporary = Path.Combine(configDirectory, "." + fileName + ".tmp");
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(ToJson());
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
