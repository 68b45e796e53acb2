using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cni.Testing;

/// <summary>Loggers (and a provider of them) that keep every line from <see cref="MinimumLevel"/> up, with its level and category.</summary>
public sealed class LogRecorder(LogLevel minimumLevel = LogLevel.Trace) : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLog> _lines = new();

    /// <summary>The lowest level kept (and reported enabled).</summary>
    public LogLevel MinimumLevel => minimumLevel;

    /// <summary>Every line logged, in order.</summary>
    public IReadOnlyList<RecordedLog> Lines => [.. _lines];

    /// <summary>A logger of <typeparamref name="T"/>'s category (its full name).</summary>
    public ILogger<T> For<T>() => new TypedLogger<T>(this);

    public ILogger CreateLogger(string categoryName) => new CategoryLogger(this, categoryName);

    public void Dispose()
    {
    }

    private class CategoryLogger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= recorder.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                recorder._lines.Enqueue(new RecordedLog(logLevel, category, eventId.Name, formatter(state, exception)));
            }
        }
    }

    private sealed class TypedLogger<T>(LogRecorder recorder) : CategoryLogger(recorder, typeof(T).FullName ?? typeof(T).Name), ILogger<T>;
}
