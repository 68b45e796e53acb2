namespace Cni;

/// <summary>What one run of a plugin produced: what a runtime would read from its stdout, stderr and exit status.</summary>
/// <param name="Stdout">The result or error JSON; empty when a command succeeds without a result.</param>
/// <param name="Stderr">Log lines and the "about" text.</param>
/// <param name="ExitCode">0 on success, 1 when <paramref name="Stdout"/> holds an error.</param>
public sealed record CniPluginOutput(string Stdout, string Stderr, int ExitCode);
