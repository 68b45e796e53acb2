namespace Cni.Netlink.Interop;

/// <summary>Reserved routing table ids (RT_TABLE_*, linux/rtnetlink.h).</summary>
internal static class RtTable
{
    /// <summary>RT_TABLE_UNSPEC: rtm_table when the table id does not fit a byte and RTA_TABLE carries it.</summary>
    public const byte Unspec = 0;
    public const byte Main = 254;
}
