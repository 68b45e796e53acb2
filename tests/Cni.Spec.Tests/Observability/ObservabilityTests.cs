namespace Cni.Tests.Observability;

/// <summary>
/// Tests that listen to Cni.Spec's source and meter run one at a time and alone: listeners are
/// process-wide, and the zero-cost tests need no listener anywhere while they run.
/// </summary>
[CollectionDefinition(nameof(ObservabilityTests), DisableParallelization = true)]
public sealed class ObservabilityTests;
