namespace Cni.Netlink.Interop;

/// <summary>A mirred action's TCA_ACT_OPTIONS (TCA_MIRRED_*, linux/tc_act/tc_mirred.h).</summary>
internal static class TcaMirred
{
    public const ushort Parms = 2;
}
