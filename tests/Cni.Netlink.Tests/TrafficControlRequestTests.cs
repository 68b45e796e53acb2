using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cni.Netlink.Tests;

/// <summary>
/// The traffic control golden files (and ifb's) hold what iproute2 sends for the same command: each
/// command runs under strace in a namespace laid out as the golden cases assume (the veth
/// <c>cnit-tcv</c> at index 3, its peer at 2, the ifb <c>cnit-tcifb</c> at 4), and the request it sends
/// must equal the golden file but for the sequence number. The kernel may refuse the request
/// (matchall is missing here, a delete finds nothing); tc has sent it by then.
/// </summary>
public partial class TrafficControlRequestTests
{
    private const string Veth = "cnit-tcv";
    private const string Ifb = "cnit-tcifb";
    private const int SequenceOffset = 8;

    private static readonly Dictionary<string, string[]> Commands = new()
    {
        ["qdisc-add-tbf-latency"] = ["tc", "qdisc", "add", "dev", Veth, "root", "tbf", "rate", "1mbit", "burst", "32kbit", "latency", "25ms"],
        ["qdisc-add-tbf-handle-limit"] = ["tc", "qdisc", "add", "dev", Veth, "handle", "1:", "root", "tbf", "rate", "1mbit", "burst", "10kb", "limit", "30000"],
        ["qdisc-replace-tbf-peakrate"] = ["tc", "qdisc", "replace", "dev", Veth, "handle", "1:", "root", "tbf", "rate", "10mbit", "burst", "10kb", "latency", "50ms", "peakrate", "20mbit", "mtu", "1540"],
        ["qdisc-replace-tbf-rate64"] = ["tc", "qdisc", "replace", "dev", Veth, "root", "tbf", "rate", "40gbit", "burst", "1mb", "latency", "10ms", "peakrate", "50gbit", "mtu", "9000"],
        ["qdisc-delete-root"] = ["tc", "qdisc", "del", "dev", Veth, "root"],
        ["qdisc-add-ingress"] = ["tc", "qdisc", "add", "dev", Veth, "ingress"],
        ["qdisc-delete-ingress"] = ["tc", "qdisc", "del", "dev", Veth, "ingress"],
        ["qdisc-add-clsact"] = ["tc", "qdisc", "add", "dev", Veth, "clsact"],
        ["qdisc-delete-clsact"] = ["tc", "qdisc", "del", "dev", Veth, "clsact"],
        ["qdisc-dump"] = ["tc", "qdisc", "show"],
        ["filter-add-u32-redirect"] = ["tc", "filter", "add", "dev", Veth, "parent", "ffff:", "protocol", "all", "prio", "1", "u32", "match", "u32", "0", "0", "action", "mirred", "egress", "redirect", "dev", Ifb],
        ["filter-add-u32-redirect-clsact-ip"] = ["tc", "filter", "add", "dev", Veth, "ingress", "protocol", "ip", "prio", "2", "u32", "match", "u32", "0", "0", "action", "mirred", "egress", "redirect", "dev", Ifb],
        ["filter-add-matchall-redirect"] = ["tc", "filter", "add", "dev", Veth, "parent", "ffff:", "protocol", "all", "prio", "1", "matchall", "action", "mirred", "egress", "redirect", "dev", Ifb],
        ["filter-delete-u32"] = ["tc", "filter", "del", "dev", Veth, "parent", "ffff:", "prio", "1", "protocol", "all", "u32"],
        ["filter-dump-ingress"] = ["tc", "filter", "show", "dev", Veth, "parent", "ffff:"],
        ["link-new-ifb"] = ["ip", "link", "add", "cnit-tcifb2", "type", "ifb"],
    };

    public static TheoryData<string> Names => [.. Commands.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Golden_file_holds_what_iproute2_sends(string name)
    {
        var expected = Hex.Parse(Golden.Read($"requests/{name}.hex"));
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new VethSpec(Veth, "cnit-tcp"));
        ns.Socket.AddLink(new IfbSpec(Ifb));
        Assert.Equal(3, ns.Socket.GetLink(Veth).Index);
        Assert.Equal(4, ns.Socket.GetLink(Ifb).Index);

        var command = Commands[name];
        var trace = Path.Combine(Path.GetTempPath(), $"cnit-tc-{Guid.NewGuid():N}.strace");
        try
        {
            // -n runs tc and ip inside the namespace; -e write=all dumps every byte sendmsg sends.
            Tool.Run("strace", ["-f", "-qq", "-x", "-e", "trace=sendmsg", "-e", "write=all", "-o", trace, Requires.Command(command[0]), "-n", ns.Name, .. command[1..]]);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(expected.AsSpan(4));
            var sent = SentMessages(File.ReadAllLines(trace)).Where(m => m.Length >= 16 && BinaryPrimitives.ReadUInt16LittleEndian(m.AsSpan(4)) == type).ToList();
            var actual = Assert.Single(sent);
            BinaryPrimitives.WriteUInt32LittleEndian(actual.AsSpan(SequenceOffset), BinaryPrimitives.ReadUInt32LittleEndian(expected.AsSpan(SequenceOffset)));
            Assert.Equal(Hex.Dump(expected), Hex.Dump(actual));
        }
        finally
        {
            File.Delete(trace);
        }
    }

    /// <summary>The bytes of each sendmsg in strace's hex dumps (" | 00000  64 04 00 00 ...  d...$... |"), one array per call.</summary>
    private static List<byte[]> SentMessages(IEnumerable<string> lines)
    {
        var messages = new List<List<byte>>();
        foreach (var line in lines)
        {
            var dump = DumpLine().Match(line);
            if (!dump.Success)
            {
                continue;
            }

            if (dump.Groups["offset"].Value == "00000")
            {
                messages.Add([]);
            }

            messages[^1].AddRange(dump.Groups["hex"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(token => byte.Parse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }

        return [.. messages.Select(m => m.ToArray())];
    }

    /// <summary>strace's dump line: an optional pid, the offset, then 16 bytes in two groups of 8 in a 49-character column.</summary>
    [GeneratedRegex(@"^(?:\d+\s+)?\s\|\s(?<offset>[0-9a-f]{5})\s\s(?<hex>[0-9a-f ]{1,49})")]
    private static partial Regex DumpLine();
}
