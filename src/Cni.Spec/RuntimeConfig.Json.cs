using System.Net;
using System.Text.Json;
using Cni.Internal;
using Cni.Internal.Json;

namespace Cni;

public sealed partial class RuntimeConfig
{
    // The runtimeConfig key of a configuration, as the generated reader of NetworkConfig reads it.
    internal static RuntimeConfig? ReadConfigValue(ConfigValue value) => value.IsNull ? null : FromJson(value.Json);

    /// <summary>Reads a <c>runtimeConfig</c> object; <see cref="CniException"/> (code 6) names a well-known member of the wrong shape.</summary>
    /// <param name="json">The object.</param>
    /// <returns>The typed view; the element is cloned.</returns>
    public static RuntimeConfig FromJson(JsonElement json)
    {
        const string Root = "runtimeConfig";
        JsonValues.RequireKind(json, JsonValueKind.Object, Root);
        json = json.Clone();
        return new RuntimeConfig
        {
            Json = json,
            PortMappings = json.TryGetProperty("portMappings"u8, out var ports) ? ReadPortMappings(ports, $"{Root}.portMappings") : [],
            IPRanges = json.TryGetProperty("ipRanges"u8, out var ranges) ? ReadRangeSets(ranges, $"{Root}.ipRanges") : [],
            Bandwidth = json.TryGetProperty("bandwidth"u8, out var bandwidth) ? ReadBandwidth(bandwidth, $"{Root}.bandwidth") : null,
            Dns = json.TryGetProperty("dns"u8, out var dns) ? ReadDns(dns, $"{Root}.dns") : null,
            IPs = json.TryGetProperty("ips"u8, out var ips) ? ReadAddresses(ips, $"{Root}.ips") : [],
            Mac = json.TryGetProperty("mac"u8, out var mac) ? JsonValues.ReadString(mac, $"{Root}.mac") : null,
            Aliases = json.TryGetProperty("aliases"u8, out var aliases) ? JsonValues.ReadStrings(aliases, $"{Root}.aliases") : [],
            DeviceId = json.TryGetProperty("deviceID"u8, out var device) ? JsonValues.ReadString(device, $"{Root}.deviceID") : null,
        };
    }

    private static PortMapping[] ReadPortMappings(JsonElement array, string path)
        => JsonValues.ReadArray(array, path, static (item, at) =>
        {
            JsonValues.RequireKind(item, JsonValueKind.Object, at);
            return new PortMapping
            {
                HostPort = item.TryGetProperty("hostPort"u8, out var host) ? JsonValues.ReadInt32(host, $"{at}.hostPort") : 0,
                ContainerPort = item.TryGetProperty("containerPort"u8, out var container) ? JsonValues.ReadInt32(container, $"{at}.containerPort") : 0,
                Protocol = item.TryGetProperty("protocol"u8, out var protocol) ? JsonValues.ReadString(protocol, $"{at}.protocol") : "",
                HostIP = OptionalAddress(item, "hostIP", at),
            };
        });

    private static IPRange[][] ReadRangeSets(JsonElement array, string path)
    {
        JsonValues.RequireKind(array, JsonValueKind.Array, path);
        var result = new IPRange[array.GetArrayLength()][];
        var i = 0;
        foreach (var set in array.EnumerateArray())
        {
            var setPath = JsonValues.Index(path, i);
            JsonValues.RequireKind(set, JsonValueKind.Array, setPath);
            var ranges = new IPRange[set.GetArrayLength()];
            var j = 0;
            foreach (var range in set.EnumerateArray())
            {
                var at = JsonValues.Index(setPath, j);
                JsonValues.RequireKind(range, JsonValueKind.Object, at);
                if (!range.TryGetProperty("subnet"u8, out var subnet))
                {
                    ThrowHelper.ThrowDecodingFailure($"error parsing configuration: {at}.subnet is missing");
                }

                ranges[j++] = new IPRange
                {
                    Subnet = JsonValues.ReadCidr(subnet, $"{at}.subnet"),
                    RangeStart = OptionalAddress(range, "rangeStart", at),
                    RangeEnd = OptionalAddress(range, "rangeEnd", at),
                    Gateway = OptionalAddress(range, "gateway", at),
                };
            }

            result[i++] = ranges;
        }

        return result;
    }

    // An empty string means "not set", as Go's net.IP reads it.
    private static IPAddress? OptionalAddress(JsonElement obj, string key, string path)
        => obj.TryGetProperty(key, out var value) && !value.ValueEquals(""u8) ? JsonValues.ReadAddress(value, $"{path}.{key}") : null;

    private static BandwidthLimits ReadBandwidth(JsonElement obj, string path)
    {
        JsonValues.RequireKind(obj, JsonValueKind.Object, path);
        return new BandwidthLimits
        {
            IngressRate = OptionalInt64(obj, "ingressRate", path),
            IngressBurst = OptionalInt64(obj, "ingressBurst", path),
            EgressRate = OptionalInt64(obj, "egressRate", path),
            EgressBurst = OptionalInt64(obj, "egressBurst", path),
        };
    }

    private static long? OptionalInt64(JsonElement obj, string key, string path)
        => obj.TryGetProperty(key, out var value) ? JsonValues.ReadInt64(value, $"{path}.{key}") : null;

    private static RuntimeDns ReadDns(JsonElement obj, string path)
    {
        JsonValues.RequireKind(obj, JsonValueKind.Object, path);
        return new RuntimeDns
        {
            Servers = obj.TryGetProperty("servers"u8, out var servers) ? JsonValues.ReadStrings(servers, $"{path}.servers") : [],
            Searches = obj.TryGetProperty("searches"u8, out var searches) ? JsonValues.ReadStrings(searches, $"{path}.searches") : [],
            Options = obj.TryGetProperty("options"u8, out var options) ? JsonValues.ReadStrings(options, $"{path}.options") : [],
        };
    }

    private static IPAddress[] ReadAddresses(JsonElement array, string path)
        => JsonValues.ReadArray(array, path, JsonValues.ReadAddressWithOptionalPrefix);
}
