using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cni;

/// <summary>
/// The <c>runtimeConfig</c> object: values the runtime fills in for the capabilities the plugin declares
/// in <c>capabilities</c> (see CONVENTIONS.md of the CNI project). The well-known members are typed;
/// any other key is read with <see cref="TryGetValue"/> or from <see cref="Json"/>.
/// </summary>
[JsonConverter(typeof(RuntimeConfigJsonConverter))]
public sealed partial class RuntimeConfig
{
    private RuntimeConfig()
    {
    }

    /// <summary>The whole <c>runtimeConfig</c> object.</summary>
    public JsonElement Json { get; private init; }

    /// <summary>Port mappings (<c>portMappings</c>); empty when absent.</summary>
    public IReadOnlyList<PortMapping> PortMappings { get; private init; } = [];

    /// <summary>Range sets to allocate from (<c>ipRanges</c>): each inner list is one range set; empty when absent.</summary>
    public IReadOnlyList<IReadOnlyList<IPRange>> IPRanges { get; private init; } = [];

    /// <summary>Traffic shaping (<c>bandwidth</c>), or <see langword="null"/> when absent.</summary>
    public BandwidthLimits? Bandwidth { get; private init; }

    /// <summary>DNS settings (<c>dns</c>), or <see langword="null"/> when absent.</summary>
    public RuntimeDns? Dns { get; private init; }

    /// <summary>
    /// Requested addresses (<c>ips</c>); an entry may carry a prefix length (<c>10.1.0.5/24</c>), which is
    /// dropped, as host-local does. Empty when absent.
    /// </summary>
    public IReadOnlyList<IPAddress> IPs { get; private init; } = [];

    /// <summary>The requested MAC address (<c>mac</c>), as given, or <see langword="null"/>.</summary>
    public string? Mac { get; private init; }

    /// <summary>Network aliases for the container (<c>aliases</c>); empty when absent.</summary>
    public IReadOnlyList<string> Aliases { get; private init; } = [];

    /// <summary>The device to use (<c>deviceID</c>), for example a PCI address, or <see langword="null"/>.</summary>
    public string? DeviceId { get; private init; }

    /// <summary>Gets any member of <c>runtimeConfig</c> by its key.</summary>
    /// <param name="key">The key, for example <c>"infinibandGUID"</c>.</param>
    /// <param name="value">The member's value when found.</param>
    /// <returns>Whether the key is present.</returns>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonElement value) => Json.TryGetProperty(key, out value);
}
