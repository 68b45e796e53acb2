using BenchmarkDotNet.Attributes;
using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Benchmarks;

/// <summary>The message readers alone, on a buffer of 100 kernel-shaped link messages (no socket, no root).</summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private byte[] _messages = [];

    [GlobalSetup]
    public void Setup()
    {
        var buffer = new byte[64 * 1024];
        var writer = new NetlinkWriter(buffer);
        for (var i = 0; i < 100; i++)
        {
            writer.BeginMessage(Rtm.NewLink, NetlinkProtocol.NlmFMulti, 1);
            ref var header = ref writer.Reserve<ifinfomsg>();
            header.ifi_index = i + 1;
            writer.PutString(Ifla.IfName, "dd" + i);
            writer.PutInt32(Ifla.Mtu, 1500);
            writer.Put(Ifla.Address, [2, 0, 0, 0, 0, (byte)i]);
            var info = writer.BeginNested(Ifla.LinkInfo);
            writer.PutString(Ifla.InfoKind, "bridge");
            writer.EndNested(info);
            writer.EndMessage();
        }

        _messages = writer.Written.ToArray();
    }

    [Benchmark]
    public int ParseHundredLinks()
    {
        var total = 0;
        foreach (var link in new LinkDump(null, _messages, 1, 0))
        {
            total += link.Index + link.NameUtf8.Length;
        }

        return total;
    }
}
