using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Cni.Netlink.Benchmarks.Nlbench;

/// <summary>
/// The cases of nlbench-go (shared/conformance/nlbench.go), through Cni.Netlink, printed in its
/// format: name, ops, wall ns/op, user-CPU ns/op. Run inside a fresh namespace (eng/nlbench.sh),
/// published with NativeAOT as the Go tool is compiled ahead of time.
/// </summary>
internal static class NlbenchCases
{
    /// <summary>Runs the cases: <c>nlbench [N] [case...]</c> (no case named: all of them).</summary>
    public static void Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var only = args.Skip(1).ToHashSet(StringComparer.Ordinal);
        using var socket = NetlinkSocket.Open();
        var info = new LinkInfo();
        socket.SetLinkUp(socket.GetLink("lo").Index);

        Time("link-add-del-bridge", n, i =>
        {
            var name = "bd" + i.ToString(CultureInfo.InvariantCulture);
            socket.AddLink(new BridgeSpec(name));
            socket.DeleteLink(name);
        });
        Time("link-add-del-veth", n / 4, i =>
        {
            var name = "bv" + i.ToString(CultureInfo.InvariantCulture);
            socket.AddLink(new VethSpec(name, "bp" + i.ToString(CultureInfo.InvariantCulture)));
            socket.DeleteLink(name);
        });

        socket.AddLink(new BridgeSpec("bench0") { Up = true });
        var bench0 = socket.GetLink("bench0").Index;
        Time("addr-add-del", n, i =>
        {
            var address = new IPAddress([10, 123, (byte)(i >> 8), (byte)i]);
            socket.AddAddress(bench0, address, 32);
            socket.DeleteAddress(bench0, address, 32);
        });
        Time("route-add-del", n, i =>
        {
            var route = new Route { Destination = new IPAddress([10, 124, (byte)(i >> 8), (byte)i]), DestinationPrefixLength = 32, OutputLinkIndex = bench0 };
            socket.AddRoute(route);
            socket.DeleteRoute(route);
        });

        for (var i = 0; i < 1000 && (only.Count == 0 || only.Contains("link-dump-1000") || only.Contains("link-get-by-name")); i++)
        {
            socket.AddLink(new BridgeSpec("dd" + i.ToString(CultureInfo.InvariantCulture)));
        }

        Time("link-dump-1000", 50, _ =>
        {
            var count = 0;
            foreach (var link in socket.DumpLinks())
            {
                if (!link.NameUtf8.IsEmpty)
                {
                    count++;
                }
            }

            if (count < 1000)
            {
                throw new InvalidOperationException($"short dump {count}");
            }
        });
        Time("link-get-by-name", n, i =>
        {
            if (!socket.TryGetLink("dd" + (i % 1000).ToString(CultureInfo.InvariantCulture), info))
            {
                throw new InvalidOperationException("missing link");
            }
        });

        void Time(string name, int count, Action<int> operation)
        {
            if (only.Count > 0 && !only.Contains(name))
            {
                return;
            }

            var user0 = Rusage.UserNanoseconds();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                operation(i);
            }

            var wall = clock.Elapsed.TotalNanoseconds;
            var user = Rusage.UserNanoseconds() - user0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {count,6} ops {wall / count,9:F0} ns/op {(double)user / count,9:F0} user-ns/op"));
        }
    }
}
