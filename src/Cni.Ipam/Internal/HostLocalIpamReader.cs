using System.Globalization;
using System.Text.Json;
using Cni.Internal.Json;

namespace Cni.Ipam.Internal;

/// <summary>
/// Reads the <c>ipam</c> object into <see cref="HostLocalIpamConfig"/> by hand. Keys match
/// case-insensitively, as Go's decoder matches them; unknown keys are ignored, the last of two
/// matching keys wins, and <c>null</c> unsets a member. Values are only checked for their JSON
/// type here (code 6 naming the key); their meaning is checked by <see cref="IpamConfiguration.Load(NetworkConfig, CniArgs)"/>.
/// Hand-written because System.Text.Json builds its metadata at run time, a cost a plugin process
/// pays on every ADD.
/// </summary>
internal static class HostLocalIpamReader
{
    public static HostLocalIpamConfig Read(JsonElement ipam)
    {
        RequireKind(ipam, JsonValueKind.Object, "ipam");
        var type = "";
        string? subnet = null, rangeStart = null, rangeEnd = null, gateway = null, dataDir = null, resolvConf = null;
        IReadOnlyList<IReadOnlyList<IpamRangeConfig>>? ranges = null;
        IReadOnlyList<IpamRouteConfig>? routes = null;
        foreach (var member in ipam.EnumerateObject())
        {
            var value = member.Value;
            var path = $"ipam.{member.Name}";
            switch (member.Name.ToUpperInvariant())
            {
                case "TYPE": type = ReadString(value, path) ?? ""; break;
                case "SUBNET": subnet = ReadString(value, path); break;
                case "RANGESTART": rangeStart = ReadString(value, path); break;
                case "RANGEEND": rangeEnd = ReadString(value, path); break;
                case "GATEWAY": gateway = ReadString(value, path); break;
                case "DATADIR": dataDir = ReadString(value, path); break;
                case "RESOLVCONF": resolvConf = ReadString(value, path); break;
                case "RANGES": ranges = value.ValueKind == JsonValueKind.Null ? null : ReadRangeSets(value, path); break;
                case "ROUTES": routes = value.ValueKind == JsonValueKind.Null ? null : ReadRoutes(value, path); break;
                default: break;
            }
        }

        return new HostLocalIpamConfig
        {
            Type = type,
            Subnet = subnet,
            RangeStart = rangeStart,
            RangeEnd = rangeEnd,
            Gateway = gateway,
            Ranges = ranges,
            Routes = routes,
            DataDir = dataDir,
            ResolvConf = resolvConf,
        };
    }

    private static IpamRangeConfig[][] ReadRangeSets(JsonElement value, string path)
    {
        RequireKind(value, JsonValueKind.Array, path);
        var sets = new IpamRangeConfig[value.GetArrayLength()][];
        var i = 0;
        foreach (var set in value.EnumerateArray())
        {
            var setPath = Index(path, i);
            if (set.ValueKind == JsonValueKind.Null)
            {
                sets[i++] = [];
                continue;
            }

            RequireKind(set, JsonValueKind.Array, setPath);
            var ranges = new IpamRangeConfig[set.GetArrayLength()];
            var j = 0;
            foreach (var range in set.EnumerateArray())
            {
                var at = Index(setPath, j);
                RequireKind(range, JsonValueKind.Object, at);
                string? subnet = null, start = null, end = null, gateway = null;
                foreach (var member in range.EnumerateObject())
                {
                    var memberPath = $"{at}.{member.Name}";
                    switch (member.Name.ToUpperInvariant())
                    {
                        case "SUBNET": subnet = ReadString(member.Value, memberPath); break;
                        case "RANGESTART": start = ReadString(member.Value, memberPath); break;
                        case "RANGEEND": end = ReadString(member.Value, memberPath); break;
                        case "GATEWAY": gateway = ReadString(member.Value, memberPath); break;
                        default: break;
                    }
                }

                ranges[j++] = new IpamRangeConfig { Subnet = subnet, RangeStart = start, RangeEnd = end, Gateway = gateway };
            }

            sets[i++] = ranges;
        }

        return sets;
    }

    private static IpamRouteConfig[] ReadRoutes(JsonElement value, string path)
    {
        RequireKind(value, JsonValueKind.Array, path);
        var routes = new IpamRouteConfig[value.GetArrayLength()];
        var i = 0;
        foreach (var route in value.EnumerateArray())
        {
            var at = Index(path, i);
            RequireKind(route, JsonValueKind.Object, at);
            string? destination = null, gateway = null;
            foreach (var member in route.EnumerateObject())
            {
                var memberPath = $"{at}.{member.Name}";
                switch (member.Name.ToUpperInvariant())
                {
                    case "DST": destination = ReadString(member.Value, memberPath); break;
                    case "GW": gateway = ReadString(member.Value, memberPath); break;
                    default: break;
                }
            }

            routes[i++] = new IpamRouteConfig { Destination = destination, Gateway = gateway };
        }

        return routes;
    }

    // null unsets a member, as it does for Go's decoder.
    private static string? ReadString(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        RequireKind(value, JsonValueKind.String, path);
        return value.GetString();
    }

    private static void RequireKind(JsonElement value, JsonValueKind kind, string path)
    {
        if (value.ValueKind != kind)
        {
            ThrowHelper.ThrowDecodingFailure($"error parsing ipam configuration: {path} must be {JsonKinds.Describe(kind)}, not {JsonKinds.Describe(value.ValueKind)}", path);
        }
    }

    private static string Index(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
}
