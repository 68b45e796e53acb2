namespace Cni.Tool.Running;

/// <summary>One measured plugin call: wall time from start to exit, CPU time (user + system, IPAM child included), peak RSS.</summary>
internal readonly record struct CallSample(TimeSpan Wall, TimeSpan Cpu, long PeakRssKib);
