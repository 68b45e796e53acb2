using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Writing;

/// <summary>
/// Builds each rtnetlink request the socket sends, separately from sending so the bytes can be
/// compared with golden files.
/// </summary>
internal static partial class Requests
{
    public const ushort Ack = NlmF.Request | NlmF.Ack;
    public const ushort Create = Ack | NlmF.Create;
    public const ushort CreateExclusive = Ack | NlmF.Create | NlmF.Excl;
    public const ushort CreateOrReplace = Ack | NlmF.Create | NlmF.Replace;
    public const ushort CreateOrAppend = Ack | NlmF.Create | NlmF.Append;
    public const ushort DumpRequest = NlmF.Request | NlmF.Dump;

    private const uint InterfaceUp = 0x1;
    private const uint InterfacePromiscuous = 0x100;

    public static void NewLink(ref NetlinkWriter writer, uint sequence, LinkSpec link)
    {
        BeginLinkRequest(ref writer, CreateExclusive, sequence, link);
        if (link.Parent != 0)
        {
            writer.PutInt32(Ifla.Link, link.Parent);
        }

        writer.PutString(Ifla.IfName, link.Name);
        if (link.Namespace is not null)
        {
            writer.PutInt32(Ifla.NetNsFd, link.Namespace.FileDescriptor);
        }

        WriteLinkInfo(ref writer, link);
        writer.EndMessage();
    }

    /// <summary>
    /// The common settings of a link made by other means than RTM_NEWLINK (a tun link): found by
    /// name, without IFLA_LINKINFO.
    /// </summary>
    public static void SetLinkSettings(ref NetlinkWriter writer, uint sequence, LinkSpec link)
    {
        BeginLinkRequest(ref writer, Ack, sequence, link);
        writer.PutString(Ifla.IfName, link.Name);
        if (link.Namespace is not null)
        {
            writer.PutInt32(Ifla.NetNsFd, link.Namespace.FileDescriptor);
        }

        writer.EndMessage();
    }

    /// <summary>Changes the kind's settings of a link that exists: IFLA_LINKINFO with the kind and its data only, as <c>ip link set DEV type KIND ...</c> sends it.</summary>
    public static void ChangeLink(ref NetlinkWriter writer, uint sequence, int index, LinkSpec link)
    {
        BeginSetLink(ref writer, sequence, index);
        WriteLinkInfo(ref writer, link);
        writer.EndMessage();
    }

    public static void DeleteLink(ref NetlinkWriter writer, uint sequence, int index)
    {
        writer.BeginMessage(Rtm.DelLink, Ack, sequence);
        writer.Reserve<ifinfomsg>().ifi_index = index;
        writer.EndMessage();
    }

    public static void DeleteLink(ref NetlinkWriter writer, uint sequence, string name)
    {
        writer.BeginMessage(Rtm.DelLink, Ack, sequence);
        writer.Reserve<ifinfomsg>();
        writer.PutString(Ifla.IfName, name);
        writer.EndMessage();
    }

    public static void SetLinkUp(ref NetlinkWriter writer, uint sequence, int index, bool up)
        => SetLinkFlag(ref writer, sequence, index, InterfaceUp, up);

    public static void SetLinkPromiscuous(ref NetlinkWriter writer, uint sequence, int index, bool on)
        => SetLinkFlag(ref writer, sequence, index, InterfacePromiscuous, on);

    /// <summary>A set request with one 32-bit attribute: IFLA_MTU, IFLA_MASTER, IFLA_NET_NS_FD, IFLA_NET_NS_PID.</summary>
    public static void SetLinkAttribute(ref NetlinkWriter writer, uint sequence, int index, ushort attribute, int value)
    {
        BeginSetLink(ref writer, sequence, index);
        writer.PutInt32(attribute, value);
        writer.EndMessage();
    }

    public static void SetLinkHardwareAddress(ref NetlinkWriter writer, uint sequence, int index, ReadOnlySpan<byte> address)
    {
        BeginSetLink(ref writer, sequence, index);
        writer.Put(Ifla.Address, address);
        writer.EndMessage();
    }

    public static void SetLinkName(ref NetlinkWriter writer, uint sequence, int index, string name)
    {
        BeginSetLink(ref writer, sequence, index);
        writer.PutString(Ifla.IfName, name);
        writer.EndMessage();
    }

    public static void GetLink(ref NetlinkWriter writer, uint sequence, int index)
    {
        writer.BeginMessage(Rtm.GetLink, NlmF.Request, sequence);
        writer.Reserve<ifinfomsg>().ifi_index = index;
        writer.PutUInt32(Ifla.ExtMask, RtextFilter.SkipStats);
        writer.EndMessage();
    }

    public static void GetLink(ref NetlinkWriter writer, uint sequence, string name)
    {
        writer.BeginMessage(Rtm.GetLink, NlmF.Request, sequence);
        writer.Reserve<ifinfomsg>();
        writer.PutUInt32(Ifla.ExtMask, RtextFilter.SkipStats);
        writer.PutString(Ifla.IfName, name);
        writer.EndMessage();
    }

    public static void DumpLinks(ref NetlinkWriter writer, uint sequence)
    {
        writer.BeginMessage(Rtm.GetLink, DumpRequest, sequence);
        writer.Reserve<ifinfomsg>();
        writer.PutUInt32(Ifla.ExtMask, RtextFilter.SkipStats);
        writer.EndMessage();
    }

    /// <summary>The header (created up when asked) and the settings every kind shares, in iproute2's order: the name follows them (after IFLA_LINK).</summary>
    private static void BeginLinkRequest(ref NetlinkWriter writer, ushort flags, uint sequence, LinkSpec link)
    {
        writer.BeginMessage(Rtm.NewLink, flags, sequence);
        ref var header = ref writer.Reserve<ifinfomsg>();
        if (link.Up)
        {
            header.ifi_flags = InterfaceUp;
            header.ifi_change = InterfaceUp;
        }

        if (link.Mtu is { } mtu)
        {
            writer.PutInt32(Ifla.Mtu, mtu);
        }

        if (link.HardwareAddress is not null)
        {
            writer.Put(Ifla.Address, link.HardwareAddress.GetAddressBytes());
        }

        if (link.TransmitQueueLength is { } queue)
        {
            writer.PutInt32(Ifla.TxQLen, queue);
        }

        if (link.MasterIndex is { } master)
        {
            writer.PutInt32(Ifla.Master, master);
        }
    }

    /// <summary>IFLA_LINKINFO as iproute2 writes it: without NLA_F_NESTED on it and on IFLA_INFO_DATA, the kind without a NUL.</summary>
    private static void WriteLinkInfo(ref NetlinkWriter writer, LinkSpec link)
    {
        var info = writer.BeginAttribute(Ifla.LinkInfo);
        writer.PutUnterminatedString(IflaInfo.Kind, link.Kind);
        var data = writer.BeginAttribute(IflaInfo.Data);
        if (link.WriteInfoData(ref writer))
        {
            writer.EndNested(data);
        }
        else
        {
            writer.Rewind(data);
        }

        writer.EndNested(info);
    }

    private static void SetLinkFlag(ref NetlinkWriter writer, uint sequence, int index, uint flag, bool on)
    {
        writer.BeginMessage(Rtm.NewLink, Ack, sequence);
        ref var header = ref writer.Reserve<ifinfomsg>();
        header.ifi_index = index;
        header.ifi_flags = on ? flag : 0;
        header.ifi_change = flag;
        writer.EndMessage();
    }

    private static void BeginSetLink(ref NetlinkWriter writer, uint sequence, int index)
    {
        writer.BeginMessage(Rtm.NewLink, Ack, sequence);
        writer.Reserve<ifinfomsg>().ifi_index = index;
    }
}
