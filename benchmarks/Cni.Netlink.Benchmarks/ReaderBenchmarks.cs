using BenchmarkDotNet.Attributes;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Benchmarks;

/// <summary>The message readers alone, on a buffer of 100 kernel-shaped link messages (no socket, no root).</summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private readonly LinkInfo _info = new();
    private byte[] _messages = [];
    private byte[] _bridges = [];
    private byte[] _bridgesWithoutData = [];

    [GlobalSetup]
    public void Setup()
    {
        var buffer = new byte[64 * 1024];
        var writer = new NetlinkWriter(buffer);
        for (var i = 0; i < 100; i++)
        {
            writer.BeginMessage(Rtm.NewLink, NlmF.Multi, 1);
            ref var header = ref writer.Reserve<ifinfomsg>();
            header.ifi_index = i + 1;
            writer.PutString(Ifla.IfName, "dd" + i);
            writer.PutInt32(Ifla.Mtu, 1500);
            writer.Put(Ifla.Address, [2, 0, 0, 0, 0, (byte)i]);
            var info = writer.BeginNested(Ifla.LinkInfo);
            writer.PutString(IflaInfo.Kind, "bridge");
            writer.EndNested(info);
            writer.EndMessage();
        }

        _messages = writer.Written.ToArray();
        _bridges = BridgeMessages(withData: true);
        _bridgesWithoutData = BridgeMessages(withData: false);
    }

    [Benchmark]
    public int ParseHundredLinks()
    {
        var total = 0;
        foreach (var link in new NetlinkDump<LinkMessage>(null, _messages, 1, 0))
        {
            total += link.Index + link.NameUtf8.Length;
        }

        return total;
    }

    /// <summary>
    /// <see cref="LinkInfo.CopyFrom"/> of 100 replies to a get of one bridge, shaped like the
    /// kernel's (46 IFLA_BR_* attributes in IFLA_INFO_DATA; kernel 6.18 sends 42 for a bridge): what a get costs
    /// in user space, the bridge's settings included.
    /// </summary>
    [Benchmark]
    public int CopyHundredBridgeLinks() => CopyAll(_bridges);

    /// <summary>The same replies without IFLA_INFO_DATA: the difference is what reading the bridge's settings costs.</summary>
    [Benchmark]
    public int CopyHundredBridgeLinksWithoutData() => CopyAll(_bridgesWithoutData);

    private int CopyAll(byte[] messages)
    {
        var total = 0;
        foreach (var link in new NetlinkDump<LinkMessage>(null, messages, 1, 0))
        {
            _info.CopyFrom(link);
            total += _info.Mtu + (_info.Bridge!.Value.VlanFiltering ? 1 : 0);
        }

        return total;
    }

    private static byte[] BridgeMessages(bool withData)
    {
        var buffer = new byte[256 * 1024];
        var writer = new NetlinkWriter(buffer);
        for (var i = 0; i < 100; i++)
        {
            writer.BeginMessage(Rtm.NewLink, NlmF.Multi, 1);
            ref var header = ref writer.Reserve<ifinfomsg>();
            header.ifi_index = i + 1;
            writer.PutString(Ifla.IfName, "cni0");
            writer.PutInt32(Ifla.TxQLen, 1000);
            writer.PutUInt8(Ifla.OperState, 2);
            writer.PutInt32(Ifla.Mtu, 1500);
            writer.Put(Ifla.Address, [2, 0, 0, 0, 0, (byte)i]);
            var info = writer.BeginNested(Ifla.LinkInfo);
            writer.PutString(IflaInfo.Kind, "bridge");
            if (withData)
            {
                var data = writer.BeginNested(IflaInfo.Data);
                for (ushort attribute = 1; attribute <= 46; attribute++)
                {
                    writer.PutUInt32(attribute, attribute);
                }

                writer.EndNested(data);
            }

            writer.EndNested(info);
            writer.EndMessage();
        }

        return writer.Written.ToArray();
    }
}
