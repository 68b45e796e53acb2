using Microsoft.Extensions.Logging;

namespace Cni.Tests.Runtime;

/// <summary>Keeps every entry logged to it: level, event, the formatted message and the exception.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, EventId EventId, string Message, Exception? Exception)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Entries.Add((logLevel, eventId, formatter(state, exception), exception));
}
