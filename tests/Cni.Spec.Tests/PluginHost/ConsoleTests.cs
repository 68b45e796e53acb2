namespace Cni.Tests.PluginHost;

/// <summary>Tests that change process-wide state (Console.Out, signals) run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleTests), DisableParallelization = true)]
public sealed class ConsoleTests;
