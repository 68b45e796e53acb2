using Microsoft.Extensions.Logging;

namespace Cni.Internal.Host;

/// <summary>
/// The <see cref="ILoggerFactory"/> the plugin host registers when the plugin registered none: loggers that
/// write straight to the <see cref="LogSink"/>, filtered at its minimum level. It replaces
/// Microsoft.Extensions.Logging's <see cref="LoggerFactory"/>, whose options and filter rules cost a NativeAOT
/// plugin a fifth of a whole ADD to build, so that <see cref="ILogger{TCategoryName}"/> in handlers and
/// libraries (the IPAM allocator's, say) costs no more than the request's own logger. Providers added later
/// receive the same lines, at the same minimum level, from loggers made before they were added too (as
/// Microsoft.Extensions.Logging's factory does), and are disposed with the factory; the sink is not (the
/// host still logs a handler's failure after the container is gone).
/// </summary>
internal sealed class LogSinkLoggerFactory(LogSink sink) : ILoggerFactory
{
    private readonly Lock _lock = new();
    private ILoggerProvider[] _added = [];

    public ILogger CreateLogger(string categoryName) => new FactoryLogger(this, sink, categoryName);

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

    /// <summary>
    /// One category's logger: the sink's, and the added providers' loggers for the category, made again when
    /// the factory's providers change (the array is replaced on each add, so a reference compare tells).
    /// </summary>
    private sealed class FactoryLogger(LogSinkLoggerFactory factory, LogSink sink, string category) : ILogger
    {
        private readonly ILogger _sinkLogger = sink.CreateLogger(category);
        private ProviderLoggers _providerLoggers = new([], []);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= sink.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            _sinkLogger.Log(logLevel, eventId, state, exception, formatter);
            var providers = Volatile.Read(ref factory._added);
            if (providers.Length == 0)
            {
                return;
            }

            var current = Volatile.Read(ref _providerLoggers);
            if (!ReferenceEquals(current.Providers, providers))
            {
                current = new ProviderLoggers(providers, [.. providers.Select(p => p.CreateLogger(category))]);
                Volatile.Write(ref _providerLoggers, current);
            }

            foreach (var logger in current.Loggers)
            {
                logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }

    /// <summary>The providers a <see cref="FactoryLogger"/> last saw, and its loggers from them (swapped as one).</summary>
    private sealed record ProviderLoggers(ILoggerProvider[] Providers, ILogger[] Loggers);
}
