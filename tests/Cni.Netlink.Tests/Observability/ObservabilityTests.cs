namespace Cni.Netlink.Tests.Observability;

/// <summary>
/// Tests that listen to Cni.Netlink's source and meter run one at a time, after the parallel tests:
/// listeners are process-wide, and the allocation tests need no listener anywhere while they run.
/// </summary>
[CollectionDefinition(nameof(ObservabilityTests), DisableParallelization = true)]
public sealed class ObservabilityTests
{
    /// <summary>The tests' own source, for a span to be current around the code under test.</summary>
    public const string TestSourceName = "Cni.Netlink.Tests.Observability";
}
