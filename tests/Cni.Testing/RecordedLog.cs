using Microsoft.Extensions.Logging;

namespace Cni.Testing;

/// <summary>One line a <see cref="LogRecorder"/> kept.</summary>
public sealed record RecordedLog(LogLevel Level, string Category, string? EventName, string Message);
