namespace Cni.Ipam.Tests.Observability;

/// <summary>
/// Tests that listen to Cni.Ipam's source and meter run one at a time and alone: listeners are
/// process-wide, and other tests' allocations must neither show up in them nor be slowed by them.
/// </summary>
[CollectionDefinition(nameof(IpamObservabilityTests), DisableParallelization = true)]
public sealed class IpamObservabilityTests;
