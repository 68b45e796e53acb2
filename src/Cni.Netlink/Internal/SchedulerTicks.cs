namespace Cni.Netlink.Internal;

/// <summary>
/// tc's conversions between bytes, microseconds and the packet scheduler's ticks, done as tc does them
/// (tc_core.c: each step truncates to an unsigned integer), so requests carry tc's numbers and reads
/// show what <c>tc qdisc show</c> shows.
/// </summary>
internal static class SchedulerTicks
{
    /// <summary>
    /// Ticks per microsecond: a tick is 64 ns (the kernel's PSCHED_SHIFT is 6; /proc/net/psched says
    /// 000003e8 00000040, 1000 ns per microsecond over 64 ns per tick).
    /// </summary>
    private const double PerMicrosecond = 1000.0 / 64;

    private const double MicrosecondsPerSecond = 1_000_000;

    /// <summary>tc_calc_xmittime: the ticks it takes to send <paramref name="size"/> bytes at <paramref name="rate"/> bytes per second.</summary>
    public static uint TransmitTime(ulong rate, uint size)
        => FromMicroseconds(ToUInt32(MicrosecondsPerSecond * (size / (double)rate)));

    /// <summary>tc_calc_xmitsize: the bytes sent at <paramref name="rate"/> bytes per second in <paramref name="ticks"/>.</summary>
    public static uint TransmitSize(ulong rate, uint ticks)
        => ToUInt32(rate * (double)ToMicroseconds(ticks) / MicrosecondsPerSecond);

    /// <summary>tc_core_tick2time: ticks to whole microseconds.</summary>
    public static uint ToMicroseconds(uint ticks) => ToUInt32(ticks / PerMicrosecond);

    /// <summary>tc_core_time2tick.</summary>
    private static uint FromMicroseconds(uint microseconds) => ToUInt32(microseconds * PerMicrosecond);

    /// <summary>C's conversion of a double to unsigned int: truncation; values beyond the range saturate here rather than being undefined.</summary>
    public static uint ToUInt32(double value) => value >= uint.MaxValue ? uint.MaxValue : value <= 0 ? 0 : (uint)value;
}
