namespace Cni.Tool.Running;

/// <summary>
/// One measured plugin call: wall time from start to exit, CPU time (user + system, IPAM child included)
/// and peak RSS, <see langword="null"/> when the plugin could not be traced (tracing is not permitted).
/// </summary>
internal readonly record struct CallSample(TimeSpan Wall, TimeSpan Cpu, long? PeakRssKib);
