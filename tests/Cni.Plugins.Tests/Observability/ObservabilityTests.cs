namespace Cni.Plugins.Tests.Observability;

/// <summary>Tests that listen to Cni.Plugins' source and meter run one at a time, after the parallel tests: listeners are process-wide.</summary>
[CollectionDefinition(nameof(ObservabilityTests), DisableParallelization = true)]
public sealed class ObservabilityTests;
