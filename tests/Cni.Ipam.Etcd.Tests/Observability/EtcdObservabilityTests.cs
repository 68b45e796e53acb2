namespace Cni.Ipam.Etcd.Tests.Observability;

/// <summary>Tests that listen to Cni.Ipam.Etcd's source and meter run one at a time and alone: listeners are process-wide.</summary>
[CollectionDefinition(nameof(EtcdObservabilityTests), DisableParallelization = true)]
public sealed class EtcdObservabilityTests;
