namespace Cni.Netlink;

/// <summary>
/// A token bucket (the <c>tbf</c> qdisc's settings), as <c>tc qdisc add dev X root tbf rate 1mbit burst
/// 32kbit latency 25ms</c>: traffic leaves at <see cref="Rate"/> on average, in bursts of at most
/// <see cref="Burst"/> bytes, and what waits longer than <see cref="Latency"/> (or beyond
/// <see cref="Limit"/> bytes) is dropped. Rates are in bytes per second, as the kernel keeps them
/// (tc's <c>1mbit</c> is 125,000). A struct, so building one allocates nothing.
/// </summary>
/// <remarks>
/// The request carries what <c>tc</c> computes from these, byte for byte: the bucket as a time in
/// scheduler ticks, the burst in bytes (TCA_TBF_BURST), the queue limit (from the latency: rate
/// &#215; latency + burst, or the peak rate's, whichever is less), the rate table, and TCA_TBF_RATE64
/// when a rate needs more than 32 bits. Read back from <see cref="QdiscMessage.TryGetTokenBucket"/>, the
/// burst, MTU and latency are computed back from the kernel's ticks as <c>tc qdisc show</c> does,
/// so they agree with tc (and may differ from what was set by tc's rounding). A bucket read back has
/// both <see cref="Latency"/> and <see cref="Limit"/>; set one of them to <see langword="null"/>
/// before sending it again.
/// </remarks>
public record struct TokenBucket
{
    /// <summary>The rate, in bytes per second (more than 0).</summary>
    public ulong Rate { get; set; }

    /// <summary>The bucket's size: the bytes that may leave at once, at link speed (more than 0; <c>burst</c>, <c>buffer</c>).</summary>
    public uint Burst { get; set; }

    /// <summary>The longest a packet may wait before it is dropped (<c>latency</c>); set this or <see cref="Limit"/>, not both.</summary>
    public TimeSpan? Latency { get; set; }

    /// <summary>The bytes that may wait in the queue (<c>limit</c>); set this or <see cref="Latency"/>, not both.</summary>
    public uint? Limit { get; set; }

    /// <summary>The highest rate of a burst, in bytes per second (<c>peakrate</c>); needs <see cref="Mtu"/>. <see langword="null"/> for none.</summary>
    public ulong? PeakRate { get; set; }

    /// <summary>The peak bucket's size in bytes (<c>mtu</c>), usually the link's MTU plus its header; also sets the rate table's cell size.</summary>
    public uint? Mtu { get; set; }
}
