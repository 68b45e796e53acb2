using System.Globalization;
using System.Net;

namespace Cni.Tests;

/// <summary>Results used by several test classes, and a complete text form to compare models.</summary>
internal static class ResultSamples
{
    /// <summary>Every field set, two addresses of each family, strings Go escapes, route attributes.</summary>
    public static CniResult Full()
    {
        var result = new CniResult
        {
            Dns = new CniDns
            {
                Nameservers = ["10.1.0.53", "fd00::53"],
                Domain = "cluster<1>&.local",
                Search = ["svc.cluster.local", "caf\u00e9.example", "line\u2028sep"],
                Options = ["ndots:5", "tab\there"],
            },
        };
        result.Interfaces.Add(new CniInterface { Name = "cni0", Mac = "0a:58:0a:01:00:01" });
        result.Interfaces.Add(new CniInterface { Name = "veth1a2b3c4d", Mac = "6e:3d:21:4c:5f:01", Mtu = 1450 });
        result.Interfaces.Add(new CniInterface
        {
            Name = "eth0",
            Mac = "0a:58:0a:01:00:05",
            Mtu = 1450,
            Sandbox = "/var/run/netns/cni-1234",
            SocketPath = "/run/vhost/\"sock\"",
            PciId = "0000:3b:00.2",
        });
        result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("fd00::5/64"), Gateway = IPAddress.Parse("fd00::1"), Interface = 2 });
        result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("10.1.0.5/24"), Gateway = IPAddress.Parse("10.1.0.1"), Interface = 2 });
        result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("10.1.0.6/24"), Interface = 0 });
        result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("2001:db8:0:0:1:0:0:5/64") });
        result.Routes.Add(new CniRoute { Destination = IPCidr.Parse("::/0"), Gateway = IPAddress.Parse("fd00::1") });
        result.Routes.Add(new CniRoute { Destination = IPCidr.Parse("0.0.0.0/0") });
        result.Routes.Add(new CniRoute
        {
            Destination = IPCidr.Parse("10.96.0.0/12"),
            Gateway = IPAddress.Parse("10.1.0.254"),
            Mtu = 1400,
            AdvMss = 1360,
            Priority = 100,
            Table = 0,
            Scope = 0,
        });
        result.Routes.Add(new CniRoute { Destination = IPCidr.Parse("fd10::/16"), Table = 254, Scope = 253 });
        return result;
    }

    /// <summary>Interfaces and DNS but no address: 0.1.0 and 0.2.0 cannot hold it.</summary>
    public static CniResult NoAddresses()
    {
        var result = new CniResult { Dns = new CniDns { Nameservers = ["10.1.0.53"] } };
        result.Interfaces.Add(new CniInterface { Name = "eth0", Mac = "0a:58:0a:01:00:05", Mtu = 9000, Sandbox = "/var/run/netns/x" });
        result.Routes.Add(new CniRoute { Destination = IPCidr.Parse("10.0.0.0/8") });
        return result;
    }

    /// <summary>Every field of a model, nulls shown, so two models compare as text.</summary>
    public static string Describe(CniResult result)
    {
        var lines = new List<string>();
        lines.AddRange(result.Interfaces.Select(i => $"interface {Show(i.Name)} mac={Show(i.Mac)} mtu={Show(i.Mtu)} sandbox={Show(i.Sandbox)} socket={Show(i.SocketPath)} pci={Show(i.PciId)}"));
        lines.AddRange(result.IPs.Select(ip => $"ip {ip.Address} gw={Show(ip.Gateway)} interface={Show(ip.Interface)}"));
        lines.AddRange(result.Routes.Select(r => $"route {r.Destination} gw={Show(r.Gateway)} mtu={Show(r.Mtu)} advmss={Show(r.AdvMss)} priority={Show(r.Priority)} table={Show(r.Table)} scope={Show(r.Scope)}"));
        var dns = result.Dns;
        lines.Add($"dns ns=[{string.Join(",", dns.Nameservers.Select(Show))}] domain={Show(dns.Domain)} search=[{string.Join(",", dns.Search.Select(Show))}] options=[{string.Join(",", dns.Options.Select(Show))}]");
        return string.Join("\n", lines);
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
