using System.Globalization;
using System.Net;
using System.Text.Json;
using Cni.Ipam.Internal;
using Cni.Ipam.Internal.Config;
using Cni.Ipam.Internal.Rules;

namespace Cni.Ipam;

public sealed partial class IpamConfiguration
{
    /// <summary>Reads and validates the IPAM configuration of a request (its config and CNI_ARGS).</summary>
    /// <typeparam name="TConfig">The plugin's configuration class.</typeparam>
    /// <param name="request">The request the plugin host built.</param>
    /// <returns>The validated configuration.</returns>
    /// <exception cref="CniException">The reference's message and code; <see cref="CniException.Details"/> names the key.</exception>
    public static IpamConfiguration Load<TConfig>(CniRequest<TConfig> request)
        where TConfig : NetworkConfig
    {
        ArgumentNullException.ThrowIfNull(request);
        return Load(request.Config, request.Args);
    }

    /// <summary>
    /// Reads and validates the IPAM configuration: the network's <c>ipam</c> object (read as
    /// <see cref="HostLocalIpamConfig"/>), its <c>runtimeConfig</c> (<c>ipRanges</c>, <c>ips</c>),
    /// <c>args.cni.ips</c> and CNI_ARGS <c>IP</c>, with host-local's defaults and checks (see docs/ipam.md).
    /// </summary>
    /// <param name="network">The network configuration from stdin.</param>
    /// <param name="args">CNI_ARGS; keys other than <c>IP</c> fail unless <c>IgnoreUnknown</c> is set, as in the reference.</param>
    /// <returns>The validated configuration.</returns>
    /// <exception cref="CniException">The reference's message and code; <see cref="CniException.Details"/> names the key.</exception>
    public static IpamConfiguration Load(NetworkConfig network, CniArgs args)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(args);
        if (network.Ipam is null)
        {
            ThrowHelper.ThrowIpam("IPAM config missing 'ipam' key", "ipam");
        }

        var ipam = HostLocalIpamConfig.Read(network.Ipam.Keys);

        // CNI_ARGS next, where the reference's LoadIPAMConfig reads them: before the ranges are checked.
        var requested = ReadRequested(network, args);
        var inputs = new List<RangeSetInput>();
        foreach (var (set, i) in network.RuntimeConfig?.IPRanges.Select((s, i) => (s, i)) ?? [])
        {
            inputs.Add(new RangeSetInput(
                $"runtimeConfig.ipRanges[{Number(i)}]",
                [.. set.Select(r => new RangeInput(
                    new CidrValue(IPValue.From(r.Subnet.Address), r.Subnet.PrefixLength, r.Subnet.IsIPv4 ? 32 : 128),
                    Optional(r.RangeStart),
                    Optional(r.RangeEnd),
                    Optional(r.Gateway)))]));
        }

        if (ipam.Subnet is not null)
        {
            inputs.Add(new RangeSetInput("ipam", [ReadRange(ipam.Subnet, ipam.RangeStart, ipam.RangeEnd, ipam.Gateway, "ipam")]));
        }

        foreach (var (set, i) in ipam.Ranges?.Select((s, i) => (s, i)) ?? [])
        {
            var path = $"ipam.ranges[{Number(i)}]";
            inputs.Add(new RangeSetInput(path, [.. set.Select((r, j) => ReadRange(r.Subnet, r.RangeStart, r.RangeEnd, r.Gateway, $"{path}[{Number(j)}]"))]));
        }

        var routes = ReadRoutes(ipam.Routes);
        if (inputs.Count == 0)
        {
            ThrowHelper.ThrowIpam("no IP ranges specified", "ipam.ranges");
        }

        var sets = new IpamRangeSet[inputs.Count];
        int ipv4 = 0, ipv6 = 0;
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i] = RangeRules.Canonicalize(inputs[i], i);
            _ = sets[i].IsIPv4 ? ipv4++ : ipv6++;
        }

        if ((ipv4 > 1 || ipv6 > 1) && network.CniVersion < CniVersion.V030)
        {
            ThrowHelper.ThrowIpam($"CNI version {network.CniVersion} does not support more than 1 address per family", "cniVersion");
        }

        for (var i = 0; i < sets.Length - 1; i++)
        {
            for (var j = i + 1; j < sets.Length; j++)
            {
                if (sets[i].Overlaps(sets[j]))
                {
                    ThrowHelper.ThrowIpam($"range set {Number(i)} overlaps with {Number(j)}", $"{inputs[i].Path} and {inputs[j].Path}");
                }
            }
        }

        return new IpamConfiguration
        {
            NetworkName = network.Name,
            CniVersion = network.CniVersion,
            DataDir = string.IsNullOrEmpty(ipam.DataDir) ? DefaultDataDir : ipam.DataDir,
            RangeSets = sets,
            Routes = routes,
            ResolvConf = string.IsNullOrEmpty(ipam.ResolvConf) ? null : ipam.ResolvConf,
            RequestedAddresses = requested,
            IpamJson = network.Ipam.Json,
        };
    }

    private static RangeInput ReadRange(string? subnet, string? start, string? end, string? gateway, string path)
    {
        CidrValue? cidr = null;
        if (subnet is not null)
        {
            if (!CidrValue.TryParse(subnet, out var parsed))
            {
                ThrowHelper.ThrowIpam($"invalid CIDR address: {subnet}", $"{path}.subnet");
            }

            cidr = parsed;
        }

        return new RangeInput(cidr, ReadIP(start, $"{path}.rangeStart"), ReadIP(end, $"{path}.rangeEnd"), ReadIP(gateway, $"{path}.gateway"));
    }

    // Go reads an empty string as "no address".
    private static IPValue? ReadIP(string? text, string path)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!IPValue.TryParse(text, out var value))
        {
            ThrowHelper.ThrowIpam($"invalid IP address: {text}", path);
        }

        return value;
    }

    private static IPValue? Optional(IPAddress? address) => address is null ? null : IPValue.From(address);

    private static CniRoute[] ReadRoutes(IReadOnlyList<IpamRouteConfig>? routes)
    {
        if (routes is null)
        {
            return [];
        }

        var result = new CniRoute[routes.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var path = $"ipam.routes[{Number(i)}]";
            var destination = routes[i].Destination ?? "";
            if (!CidrValue.TryParse(destination, out var cidr))
            {
                ThrowHelper.ThrowIpam($"invalid CIDR address: {destination}", $"{path}.dst");
            }

            result[i] = new CniRoute
            {
                Destination = new IPCidr(cidr.Address.ToAddress(), cidr.Address.IsIPv4 && cidr.MaskBits == 128 ? cidr.PrefixLength - 96 : cidr.PrefixLength),
                Gateway = ReadIP(routes[i].Gateway, $"{path}.gw")?.ToAddress(),
            };
        }

        return result;
    }

    private static IPAddress[] ReadRequested(NetworkConfig network, CniArgs args)
    {
        // The value first: the reference reports a bad IP before unknown keys.
        var requested = new List<IPAddress>(args.GetIPs());
        args.EnsureKnownKeys("IP");
        if (network.Args is { ValueKind: JsonValueKind.Object } top
            && top.TryGetProperty("cni"u8, out var cni) && cni.ValueKind == JsonValueKind.Object
            && cni.TryGetProperty("ips"u8, out var ips) && ips.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in ips.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
                if (!TryParseAddressWithOptionalPrefix(text, out var value))
                {
                    ThrowHelper.ThrowIpam($"invalid IP address {text}", "args.cni.ips");
                }

                requested.Add(value.ToAddress());
            }
        }

        requested.AddRange(network.RuntimeConfig?.IPs ?? []);
        return [.. requested.Select(a => IPValue.From(a).ToAddress())];
    }

    // host-local's ip.IP reads "10.1.0.5" or "10.1.0.5/24" and keeps only the address.
    private static bool TryParseAddressWithOptionalPrefix(string text, out IPValue value)
    {
        if (!text.Contains('/', StringComparison.Ordinal))
        {
            return IPValue.TryParse(text, out value);
        }

        var parsed = CidrValue.TryParse(text, out var cidr);
        value = cidr.Address;
        return parsed;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
