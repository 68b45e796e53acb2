namespace Cni;

/// <summary>Traffic shaping a runtime asks for (<c>runtimeConfig.bandwidth</c>, the <c>bandwidth</c> capability).</summary>
public sealed class BandwidthLimits
{
    /// <summary>Ingress rate in bits per second (<c>ingressRate</c>), or <see langword="null"/> when not limited.</summary>
    public long? IngressRate { get; init; }

    /// <summary>Ingress burst in bits (<c>ingressBurst</c>).</summary>
    public long? IngressBurst { get; init; }

    /// <summary>Egress rate in bits per second (<c>egressRate</c>), or <see langword="null"/> when not limited.</summary>
    public long? EgressRate { get; init; }

    /// <summary>Egress burst in bits (<c>egressBurst</c>).</summary>
    public long? EgressBurst { get; init; }
}
