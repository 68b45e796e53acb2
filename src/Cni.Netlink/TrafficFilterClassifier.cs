namespace Cni.Netlink;

/// <summary>How a <see cref="TrafficFilter"/> matches every packet (the kernel's TCA_KIND of the filter).</summary>
public enum TrafficFilterClassifier
{
    /// <summary><c>u32</c> with one key that masks nothing (<c>match u32 0 0</c>): what the bandwidth plugin uses, and in every kernel that has u32.</summary>
    U32,

    /// <summary><c>matchall</c>: the classifier made for this, in kernels built with CONFIG_NET_CLS_MATCHALL.</summary>
    Matchall,
}
