using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Cni.Netlink.Tests;

/// <summary>Qdiscs, the ingress redirect filter and ifb links on the real kernel, compared with what tc and ip show, in namespaces the tests create.</summary>
public class TrafficControlTests
{
    /// <summary>An ICMP echo request of ping's default 56 bytes: 8 of ICMP header, 20 of IPv4, 14 of Ethernet.</summary>
    private const int EchoRequestFrameBytes = 56 + 8 + 20 + 14;

    private static readonly TokenBucket OneMegabit = new() { Rate = 125_000, Burst = 4096, Latency = TimeSpan.FromMilliseconds(25) };

    [Fact]
    public void Tbf_is_added_read_back_as_tc_shows_it_replaced_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        AddVethPairUp(socket, "cnit-tbf0", "cnit-tbf1");
        var link = socket.GetLink("cnit-tbf0").Index;
        var tbf = Qdisc.Tbf(link, OneMegabit);

        socket.AddQdisc(tbf);
        var read = ReadTokenBucket(socket, link, out var handle);
        Assert.Equal(OneMegabit with { Limit = 7221 }, read);
        AssertTcShows(ns, "cnit-tbf0", handle, read);
        Assert.True(Assert.Throws<NetlinkException>(() => socket.AddQdisc(tbf)).IsExists);

        // A replacement in place, then one whose rates need TCA_TBF_RATE64 (40 and 50 Gbit/s).
        var peak = new TokenBucket { Rate = 1_250_000, Burst = 10 * 1024, Latency = TimeSpan.FromMilliseconds(50), PeakRate = 2_500_000, Mtu = 1540 };
        socket.ReplaceQdisc(tbf with { TokenBucket = peak });
        read = ReadTokenBucket(socket, link, out var replaced);
        Assert.Equal(handle, replaced);
        Assert.Equal((peak.Rate, peak.Burst, peak.PeakRate, peak.Mtu), (read.Rate, read.Burst, read.PeakRate, read.Mtu));
        AssertTcShows(ns, "cnit-tbf0", handle, read);

        var fast = new TokenBucket { Rate = 5_000_000_000, Burst = 1024 * 1024, Latency = TimeSpan.FromMilliseconds(10), PeakRate = 6_250_000_000, Mtu = 9000 };
        socket.ReplaceQdisc(tbf with { TokenBucket = fast });
        read = ReadTokenBucket(socket, link, out _);
        Assert.Equal((fast.Rate, fast.PeakRate), (read.Rate, read.PeakRate));
        AssertTcShows(ns, "cnit-tbf0", handle, read);

        socket.DeleteQdisc(tbf);
        Assert.Equal(["noqueue"], QdiscKinds(socket, link));
        Assert.Equal("noqueue", Assert.Single(Iproute2.Tc(ns, "qdisc", "show", "dev", "cnit-tbf0").EnumerateArray()).GetProperty("kind").GetString());
        Assert.True(Assert.Throws<NetlinkException>(() => socket.DeleteQdisc(tbf)).IsNotFound);
    }

    [Fact]
    public void Tbf_with_a_handle_and_a_limit_is_added_next_to_another_links_and_deleted_by_its_handle()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        AddVethPairUp(socket, "cnit-tbl0", "cnit-tbl1");
        var link = socket.GetLink("cnit-tbl0").Index;
        var other = socket.GetLink("cnit-tbl1").Index;
        var handle = TrafficControlHandle.Make(1, 0);
        socket.AddQdisc(Qdisc.Tbf(link, new TokenBucket { Rate = 125_000, Burst = 10 * 1024, Limit = 30_000 }) with { Handle = handle });
        socket.AddQdisc(Qdisc.Tbf(other, OneMegabit));

        var read = ReadTokenBucket(socket, link, out var readHandle);
        Assert.Equal(handle, readHandle);
        Assert.Equal((125_000UL, 10u * 1024, (uint?)30_000), (read.Rate, read.Burst, read.Limit));
        AssertTcShows(ns, "cnit-tbl0", handle, read);

        Assert.Equal(["tbf"], QdiscKinds(socket, other));
        socket.DeleteQdisc(new Qdisc { LinkIndex = link, Handle = handle });
        Assert.Equal(["noqueue"], QdiscKinds(socket, link));
    }

    [Fact]
    public void Ingress_and_clsact_are_added_listed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        AddVethPairUp(socket, "cnit-ing0", "cnit-ing1");
        socket.AddLink(new IfbSpec("cnit-ingifb") { Up = true });
        var link = socket.GetLink("cnit-ing0").Index;
        var ifb = socket.GetLink("cnit-ingifb").Index;

        var noParent = Assert.Throws<NetlinkException>(() => socket.AddFilter(TrafficFilter.RedirectIngress(link, ifb)));
        Assert.Equal(("EINVAL", "Parent Qdisc doesn't exists"), (noParent.ErrorName, noParent.KernelMessage));

        socket.AddQdisc(Qdisc.Ingress(link));
        var ingress = FindQdisc(socket, link, "ingress");
        Assert.Equal((TrafficControlHandle.IngressQdisc, TrafficControlHandle.IngressParent), (ingress.Handle, ingress.Parent));
        var shown = Iproute2.Tc(ns, "qdisc", "show", "dev", "cnit-ing0", "ingress");
        Assert.Equal("ffff:", Assert.Single(shown.EnumerateArray()).GetProperty("handle").GetString());
        Assert.True(Assert.Throws<NetlinkException>(() => socket.AddQdisc(Qdisc.Clsact(link))).IsExists);
        socket.DeleteQdisc(Qdisc.Ingress(link));
        Assert.Equal(["noqueue"], QdiscKinds(socket, link));

        // clsact's ingress hook takes the same redirect as the ingress qdisc, here for IPv4 only.
        socket.AddQdisc(Qdisc.Clsact(link));
        var clsact = FindQdisc(socket, link, "clsact");
        Assert.Equal((TrafficControlHandle.IngressQdisc, TrafficControlHandle.IngressParent), (clsact.Handle, clsact.Parent));
        Assert.Equal("clsact", Iproute2.Tc(ns, "qdisc", "show", "dev", "cnit-ing0").EnumerateArray().Last().GetProperty("kind").GetString());
        var filter = TrafficFilter.RedirectIngress(link, ifb) with { Parent = TrafficControlHandle.ClsactIngress, Priority = 2, Protocol = 0x0800 };
        socket.AddFilter(filter);
        var (priority, protocol, redirect) = RedirectFilter(socket, link, TrafficControlHandle.ClsactIngress, "u32");
        Assert.Equal(((ushort)2, (ushort)0x0800, ifb), (priority, protocol, redirect));
        socket.DeleteQdisc(Qdisc.Clsact(link));
        Assert.Equal(["noqueue"], QdiscKinds(socket, link));
        var missing = Assert.Throws<NetlinkException>(() => socket.DeleteQdisc(Qdisc.Clsact(link)));
        Assert.Equal(("EINVAL", "Invalid handle"), (missing.ErrorName, missing.KernelMessage));
    }

    [Fact]
    public void Ingress_redirect_to_an_ifb_carries_the_traffic_and_a_tbf_on_the_ifb_shapes_it()
        => RedirectToIfbCarriesTheTraffic(TrafficFilterClassifier.U32, "u32");

    /// <summary>
    /// The bandwidth plugin's upload path for real: a veth pair across two namespaces, an ifb, the
    /// ingress qdisc and a redirect filter of <paramref name="classifier"/>; pings from the container
    /// side go through the ifb and then through a tbf on it.
    /// </summary>
    internal static void RedirectToIfbCarriesTheTraffic(TrafficFilterClassifier classifier, string kind)
    {
        using var host = TestNamespace.Create();
        using var container = TestNamespace.Create();
        var socket = host.Socket;
        socket.AddLink(new VethSpec("cnit-rdh", "cnit-rdc") { PeerNamespace = container.Namespace, Up = true });
        socket.AddLink(new IfbSpec("cnit-rdifb") { Up = true });
        var veth = socket.GetLink("cnit-rdh").Index;
        var ifb = socket.GetLink("cnit-rdifb").Index;
        Assert.Equal("ifb", Iproute2.Link(host, "cnit-rdifb").GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal("ifb", socket.GetLink("cnit-rdifb").Kind);
        socket.AddAddress(veth, IPAddress.Parse("10.77.0.1"), 24);
        var peer = container.Socket.GetLink("cnit-rdc").Index;
        container.Socket.AddAddress(peer, IPAddress.Parse("10.77.0.2"), 24);
        container.Socket.SetLinkUp(peer);

        // What the bandwidth plugin sets up for a container's upload: the host veth's ingress to the ifb.
        socket.AddQdisc(Qdisc.Ingress(veth));
        var redirect = TrafficFilter.RedirectIngress(veth, ifb) with { Classifier = classifier };
        socket.AddFilter(redirect);
        var (priority, protocol, target) = RedirectFilter(socket, veth, TrafficControlHandle.IngressQdisc, kind);
        Assert.Equal(((ushort)1, TrafficFilter.AllProtocols, ifb), (priority, protocol, target));
        var filters = Iproute2.Tc(host, "filter", "show", "dev", "cnit-rdh", "parent", "ffff:");
        Assert.Contains(filters.EnumerateArray(), f => f.TryGetProperty("options", out var o) && o.TryGetProperty("actions", out var a)
            && a.EnumerateArray().Any(action => action.GetProperty("kind").GetString() == "mirred" && action.GetProperty("to_dev").GetString() == "cnit-rdifb"));

        var before = IfbPackets(host);
        Ping(container, 5);
        var redirected = IfbPackets(host) - before;
        Assert.True(redirected >= 5, $"the ifb saw {redirected} packets of 5 pings");

        // Shaping the ifb shapes what the container sends: its packets go through the tbf.
        socket.AddQdisc(Qdisc.Tbf(ifb, OneMegabit));
        var shaped = ReadTokenBucket(socket, ifb, out var handle);
        AssertTcShows(host, "cnit-rdifb", handle, shaped);
        Ping(container, 5);
        var (_, _, packets, bytes) = FindQdisc(socket, ifb, "tbf");
        Assert.True(packets >= 5 && bytes >= 5 * EchoRequestFrameBytes, $"the ifb's tbf sent {packets} packets, {bytes} bytes, of 5 pings");

        // tc reads the counters a moment later: the container's IPv6 chatter may have added to them since.
        var tbfShown = Iproute2.Tc(host, "-s", "qdisc", "show", "dev", "cnit-rdifb").EnumerateArray().Single(q => q.GetProperty("kind").GetString() == "tbf");
        Assert.InRange(tbfShown.GetProperty("packets").GetUInt64(), packets, packets + 20);
        Assert.InRange(tbfShown.GetProperty("bytes").GetUInt64(), bytes, bytes + (20 * 1500));

        // Without the filter, traffic no longer reaches the ifb.
        socket.DeleteFilter(redirect);
        Assert.Equal(0, RedirectFilters(socket, veth));
        before = IfbPackets(host);
        Ping(container, 3);
        Assert.Equal(before, IfbPackets(host));
        Assert.True(Assert.Throws<NetlinkException>(() => socket.DeleteFilter(redirect)).IsNotFound);
    }

    [Fact]
    public void Bad_token_buckets_and_filters_are_rejected_before_sending()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        Assert.Throws<ArgumentException>(() => socket.AddQdisc(Qdisc.Tbf(1, OneMegabit with { Rate = 0 })));
        Assert.Throws<ArgumentException>(() => socket.AddQdisc(Qdisc.Tbf(1, OneMegabit with { Burst = 0 })));
        Assert.Throws<ArgumentException>(() => socket.AddQdisc(Qdisc.Tbf(1, OneMegabit with { Limit = 1000 })));
        Assert.Throws<ArgumentException>(() => socket.AddQdisc(Qdisc.Tbf(1, OneMegabit with { Latency = null })));
        Assert.Throws<ArgumentException>(() => socket.AddQdisc(Qdisc.Tbf(1, OneMegabit with { PeakRate = 250_000 })));
        Assert.Throws<ArgumentException>(() => socket.AddQdisc(Qdisc.Tbf(1, OneMegabit with { Latency = TimeSpan.FromMilliseconds(-1) })));
        Assert.Throws<ArgumentException>(() => socket.AddFilter(TrafficFilter.RedirectIngress(1, 0)));
    }

    /// <summary>A veth pair with both ends up: the kernel lists a link's default qdisc (noqueue) only then.</summary>
    private static void AddVethPairUp(NetlinkSocket socket, string name, string peer)
    {
        socket.AddLink(new VethSpec(name, peer) { Up = true });
        socket.SetLinkUp(socket.GetLink(peer).Index);
    }

    private static TokenBucket ReadTokenBucket(NetlinkSocket socket, int link, out uint handle)
    {
        foreach (var qdisc in socket.DumpQdiscs())
        {
            if (qdisc.LinkIndex == link && qdisc.TryGetTokenBucket(out var bucket))
            {
                handle = qdisc.Handle;
                Assert.Equal(TrafficControlHandle.Root, qdisc.Parent);
                return bucket;
            }
        }

        Assert.Fail($"No tbf on link {link}.");
        handle = 0;
        return default;
    }

    /// <summary>tc -j prints a tbf's rate and burst in bytes, its latency in microseconds, and its peak MTU as "minburst" (tc 6.1 leaves the peak rate out of its JSON).</summary>
    private static void AssertTcShows(TestNamespace ns, string link, uint handle, TokenBucket read)
    {
        var shown = Iproute2.Tc(ns, "qdisc", "show", "dev", link).EnumerateArray().Single(q => q.GetProperty("kind").GetString() == "tbf");
        Assert.Equal((handle >> 16).ToString("x", CultureInfo.InvariantCulture) + ":", shown.GetProperty("handle").GetString());
        var options = shown.GetProperty("options");
        Assert.Equal(read.Rate, options.GetProperty("rate").GetUInt64());
        Assert.Equal(read.Burst, options.GetProperty("burst").GetUInt32());
        Assert.Equal((long)read.Latency!.Value.TotalMicroseconds, options.GetProperty("lat").GetInt64());
        Assert.Equal(read.Mtu, options.TryGetProperty("minburst", out var mtu) ? mtu.GetUInt32() : null);
    }

    private static List<string> QdiscKinds(NetlinkSocket socket, int link)
    {
        var kinds = new List<string>();
        foreach (var qdisc in socket.DumpQdiscs())
        {
            if (qdisc.LinkIndex == link)
            {
                kinds.Add(qdisc.GetKind());
            }
        }

        return kinds;
    }

    private static (uint Handle, uint Parent, uint Packets, ulong Bytes) FindQdisc(NetlinkSocket socket, int link, string kind)
    {
        foreach (var qdisc in socket.DumpQdiscs())
        {
            if (qdisc.LinkIndex == link && qdisc.GetKind() == kind)
            {
                return (qdisc.Handle, qdisc.Parent, qdisc.Packets, qdisc.Bytes);
            }
        }

        Assert.Fail($"No {kind} qdisc on link {link}.");
        return default;
    }

    /// <summary>The filter that redirects (for u32 the kernel also lists its hash table, which has no action).</summary>
    private static (ushort Priority, ushort Protocol, int RedirectLinkIndex) RedirectFilter(NetlinkSocket socket, int link, uint parent, string kind)
    {
        foreach (var filter in socket.DumpFilters(link, parent))
        {
            if (filter.RedirectLinkIndex != 0)
            {
                Assert.Equal(kind, filter.GetKind());
                Assert.Equal(link, filter.LinkIndex);
                return (filter.Priority, filter.Protocol, filter.RedirectLinkIndex);
            }
        }

        Assert.Fail($"No redirect filter on link {link}.");
        return default;
    }

    private static int RedirectFilters(NetlinkSocket socket, int link)
    {
        var count = 0;
        foreach (var filter in socket.DumpFilters(link, TrafficControlHandle.IngressQdisc))
        {
            count += filter.RedirectLinkIndex != 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>The packets the ifb sent on, as ip shows them.</summary>
    private static long IfbPackets(TestNamespace host)
    {
        var shown = Assert.Single(Iproute2.Ip(host, "-s", "link", "show", "dev", "cnit-rdifb").EnumerateArray());
        return shown.GetProperty("stats64").GetProperty("tx").GetProperty("packets").GetInt64();
    }

    private static void Ping(TestNamespace from, int count)
    {
        var (exitCode, output, error) = Tool.Run("ip", "netns", "exec", from.Name, "ping", "-c", count.ToString(CultureInfo.InvariantCulture), "-i", "0.2", "-W", "2", "10.77.0.1");
        Assert.True(exitCode == 0, $"ping failed ({exitCode}): {output} {error}");
    }
}
