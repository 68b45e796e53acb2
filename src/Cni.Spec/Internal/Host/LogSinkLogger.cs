using Microsoft.Extensions.Logging;

namespace Cni.Internal.Host;

/// <summary>A logger of one category writing through a <see cref="LogSink"/>.</summary>
internal sealed class LogSinkLogger(LogSink sink, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= sink.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            sink.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
