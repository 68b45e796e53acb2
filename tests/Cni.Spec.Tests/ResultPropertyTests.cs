using System.Buffers.Binary;
using System.Net;
using Cni.Internal.GoFormat;
using CsCheck;

namespace Cni.Tests;

/// <summary>
/// Any result round-trips through every version, losing exactly what that version cannot hold:
/// <list type="bullet">
/// <item>1.1.0 holds everything.</item>
/// <item>0.3.0 to 1.0.0 hold everything but the 1.1.0 fields: interfaces keep name, mac and
/// sandbox; routes keep dst and gw.</item>
/// <item>0.1.0 and 0.2.0 hold the first IPv4 and the first IPv6 address (address and gateway), the
/// routes of a family that has an address (dst and gw, IPv4 ones first), and DNS; nothing else.
/// With no address at all they cannot hold the result.</item>
/// </list>
/// Fields Go omits when empty are generated non-empty (non-zero), since empty and absent are one.
/// </summary>
public class ResultPropertyTests
{
    // Characters Go escapes or writes raw, including non-ASCII; no lone surrogates.
    private static readonly Gen<string> s_text = Gen.String[Gen.Char["abcz09-_./:<>&\"\\\n\t\u0001\u007f\u00e9\u4e2d\u2028\u2029 "], 0, 12];
    private static readonly Gen<string> s_nonEmptyText = Gen.String[Gen.Char["abcz09-_./:<>&\"\\\n\u00e9\u2028"], 1, 12];

    private static readonly Gen<IPAddress> s_ipv4 = Gen.Byte.Array[4].Select(b => new IPAddress(b));

    // Groups drawn from few values so zero runs (and so "::" compression) are common.
    private static readonly Gen<IPAddress> s_ipv6 = Gen.OneOf<ushort>(0, 0, 0, 1, 0xfe80, 0xffff, 0xabc).Array[8].Select(groups =>
    {
        var bytes = new byte[16];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i * 2), groups[i]);
        }

        var address = new IPAddress(bytes);

        // Go reads an IPv4-mapped address as IPv4; keep the generated families distinct.
        return address.IsIPv4MappedToIPv6 ? IPAddress.IPv6Loopback : address;
    });

    private static readonly Gen<IPAddress> s_ip = Gen.OneOf(s_ipv4, s_ipv6);

    private static readonly Gen<IPCidr> s_cidr = Gen.OneOf(
        Gen.Select(s_ipv4, Gen.Int[0, 32], (a, p) => new IPCidr(a, p)),
        Gen.Select(s_ipv6, Gen.Int[0, 128], (a, p) => new IPCidr(a, p)));

    private static readonly Gen<int?> s_positive = Gen.Nullable(Gen.Int[1, 65535]);
    private static readonly Gen<int?> s_anyInt = Gen.Nullable(Gen.Int[0, 255]);

    private static readonly Gen<CniInterface> s_interface = Gen.Select(
        s_text, Gen.Null(s_nonEmptyText), s_positive, Gen.Null(s_nonEmptyText), Gen.Null(s_nonEmptyText), Gen.Null(s_nonEmptyText),
        (name, mac, mtu, sandbox, socket, pci) => new CniInterface { Name = name, Mac = mac, Mtu = mtu, Sandbox = sandbox, SocketPath = socket, PciId = pci });

    private static readonly Gen<CniIPConfig> s_ipConfig = Gen.Select(s_cidr, Gen.Null(s_ip), Gen.Nullable(Gen.Int[0, 4]),
        (address, gateway, index) => new CniIPConfig { Address = address, Gateway = gateway, Interface = index });

    private static readonly Gen<CniRoute> s_route = Gen.Select(s_cidr, Gen.Null(s_ip), s_positive, s_positive, s_positive, s_anyInt, s_anyInt,
        (dst, gw, mtu, mss, priority, table, scope) => new CniRoute
        {
            Destination = dst,
            Gateway = gw,
            Mtu = mtu,
            AdvMss = mss,
            Priority = priority,
            Table = table,
            Scope = scope,
        });

    private static readonly Gen<CniDns> s_dns = Gen.Select(s_text.List[0, 3], Gen.Null(s_nonEmptyText), s_text.List[0, 3], s_text.List[0, 3],
        (ns, domain, search, options) => new CniDns { Nameservers = ns, Domain = domain, Search = search, Options = options });

    private static readonly Gen<CniResult> s_result = Gen.Select(s_interface.List[0, 3], s_ipConfig.List[0, 4], s_route.List[0, 4], s_dns,
        (interfaces, ips, routes, dns) =>
        {
            var result = new CniResult { Dns = dns };
            interfaces.ForEach(result.Interfaces.Add);
            ips.ForEach(result.IPs.Add);
            routes.ForEach(result.Routes.Add);
            return result;
        });

    [Fact]
    public void Any_result_round_trips_through_every_version_keeping_what_the_version_holds()
    {
        s_result.Sample(result =>
        {
            foreach (var version in CniVersion.All)
            {
                var expected = Project(result, version);
                if (expected is null)
                {
                    var error = Assert.Throws<CniException>(() => result.ToUtf8Json(version));
                    Assert.Equal(CniErrorCode.IncompatibleCniVersion, error.Code);
                    continue;
                }

                var json = result.ToUtf8Json(version);
                var back = CniResult.Parse(json);
                Assert.Equal(ResultSamples.Describe(expected), ResultSamples.Describe(back));
                Assert.Equal(ResultSamples.Describe(expected), ResultSamples.Describe(CniResult.Parse(json, version)));
                Assert.Equal(json, back.ToUtf8Json(version));
            }
        }, iter: 300);
    }

    [Fact]
    public void Any_result_reads_back_from_the_newest_version_unchanged()
    {
        s_result.Sample(result =>
            Assert.Equal(ResultSamples.Describe(result), ResultSamples.Describe(CniResult.Parse(result.ToUtf8Json(CniVersion.V110)))));
    }

    /// <summary>What <paramref name="version"/> can hold of a result, or null when it cannot hold it.</summary>
    private static CniResult? Project(CniResult result, CniVersion version)
    {
        var projected = new CniResult { Dns = result.Dns };
        if (version == CniVersion.V110)
        {
            return result;
        }

        if (version >= CniVersion.V030)
        {
            foreach (var i in result.Interfaces)
            {
                projected.Interfaces.Add(new CniInterface { Name = i.Name, Mac = i.Mac, Sandbox = i.Sandbox });
            }

            foreach (var ip in result.IPs)
            {
                projected.IPs.Add(ip);
            }

            foreach (var route in result.Routes)
            {
                projected.Routes.Add(new CniRoute { Destination = route.Destination, Gateway = route.Gateway });
            }

            return projected;
        }

        var ip4 = result.IPs.FirstOrDefault(ip => GoNet.IsIPv4(ip.Address.Address));
        var ip6 = result.IPs.FirstOrDefault(ip => !GoNet.IsIPv4(ip.Address.Address));
        if (ip4 is null && ip6 is null)
        {
            return null;
        }

        foreach (var ip in new[] { ip4, ip6 })
        {
            if (ip is not null)
            {
                projected.IPs.Add(new CniIPConfig { Address = ip.Address, Gateway = ip.Gateway });
            }
        }

        foreach (var (ip, family) in new[] { (ip4, true), (ip6, false) })
        {
            if (ip is null)
            {
                continue;
            }

            foreach (var route in result.Routes.Where(r => GoNet.IsIPv4(r.Destination.Address) == family))
            {
                projected.Routes.Add(new CniRoute { Destination = route.Destination, Gateway = route.Gateway });
            }
        }

        return projected;
    }
}
