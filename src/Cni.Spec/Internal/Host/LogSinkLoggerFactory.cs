using Microsoft.Extensions.Logging;

namespace Cni.Internal.Host;

/// <summary>
/// The <see cref="ILoggerFactory"/> the plugin host registers when the plugin registered none: loggers that
/// write straight to the <see cref="LogSink"/>, filtered at its minimum level. It replaces
/// Microsoft.Extensions.Logging's <see cref="LoggerFactory"/>, whose options and filter rules cost a NativeAOT
/// plugin a fifth of a whole ADD to build, so that <see cref="ILogger{TCategoryName}"/> in handlers and
/// libraries (the IPAM allocator's, say) costs no more than the request's own logger. Providers added later
/// receive the same lines, at the same minimum level, and are disposed with the factory; the sink is not
/// (the host still logs a handler's failure after the container is gone).
/// </summary>
internal sealed class LogSinkLoggerFactory(LogSink sink) : ILoggerFactory
{
    private readonly Lock _lock = new();
    private ILoggerProvider[] _added = [];

    public ILogger CreateLogger(string categoryName)
    {
        var added = Volatile.Read(ref _added);
        return added.Length == 0 ? sink.CreateLogger(categoryName) : new FanOutLogger(sink, [sink.CreateLogger(categoryName), .. added.Select(p => p.CreateLogger(categoryName))]);
    }

    public void AddProvider(ILoggerProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        lock (_lock)
        {
            _added = [.. _added, provider];
        }
    }

    public void Dispose()
    {
        ILoggerProvider[] added;
        lock (_lock)
        {
            (added, _added) = (_added, []);
        }

        foreach (var provider in added)
        {
            provider.Dispose();
        }
    }

    /// <summary>One category's logger over the sink and the providers added to the factory before it was made.</summary>
    private sealed class FanOutLogger(LogSink sink, ILogger[] loggers) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= sink.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            foreach (var logger in loggers)
            {
                logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
