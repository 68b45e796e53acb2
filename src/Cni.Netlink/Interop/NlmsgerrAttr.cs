namespace Cni.Netlink.Interop;

/// <summary>Extended-ack attributes after an NLMSG_ERROR's payload (NLMSGERR_ATTR_*, linux/netlink.h).</summary>
internal static class NlmsgerrAttr
{
    /// <summary>NLMSGERR_ATTR_MSG: the kernel's text for the error.</summary>
    public const ushort Msg = 1;
}
