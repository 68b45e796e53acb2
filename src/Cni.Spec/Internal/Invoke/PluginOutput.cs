namespace Cni.Internal.Invoke;

/// <summary>What one run of a plugin produced: its exit code and everything it wrote.</summary>
/// <param name="ExitCode">The exit code; 128 + N when the process died of signal N.</param>
/// <param name="Stdout">Everything written to stdout.</param>
/// <param name="Stderr">Everything written to stderr.</param>
internal readonly record struct PluginOutput(int ExitCode, byte[] Stdout, byte[] Stderr);
