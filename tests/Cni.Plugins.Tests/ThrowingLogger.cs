using Microsoft.Extensions.Logging;

namespace Cni.Plugins.Tests;

/// <summary>A logger whose every write fails, as a provider over a broken sink can.</summary>
internal sealed class ThrowingLogger : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => throw new IOException("the log is broken");
}
