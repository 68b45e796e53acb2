namespace Cni.Tool.Conform;

/// <summary>One row of the conformance table: the check, what it asks, how it came out and why.</summary>
internal sealed record CheckResult(string Name, string Description, CheckStatus Status, string Reason);
