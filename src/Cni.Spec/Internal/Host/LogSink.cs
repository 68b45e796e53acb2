using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Cni.Internal.Host;

/// <summary>
/// The one logger provider the plugin host installs: lines go to stderr, or to the file the config
/// names in <c>logFile</c> (opened on the first line, appended to, shared with other plugin runs).
/// </summary>
internal sealed class LogSink : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly string? _filePath;
    private readonly TextWriter _stderr;
    private TextWriter? _writer;

    public LogSink(string? filePath, LogLevel minimumLevel, TextWriter stderr)
    {
        _filePath = string.IsNullOrEmpty(filePath) ? null : filePath;
        MinimumLevel = minimumLevel;
        _stderr = stderr;
    }

    public LogLevel MinimumLevel { get; }

    /// <summary>
    /// Reads <c>logLevel</c> (<c>trace</c>, <c>debug</c>, <c>info</c>, <c>warning</c>, <c>error</c>,
    /// <c>critical</c>, <c>none</c>, any case). Without it: <c>info</c> into a log file, <c>warning</c>
    /// on stderr, which a runtime copies into its own log.
    /// </summary>
    public static LogLevel ParseLevel(string? text, bool toFile) => text?.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" or "INFORMATION" => LogLevel.Information,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" or "PANIC" => LogLevel.Critical,
        "NONE" => LogLevel.None,
        _ => toFile ? LogLevel.Information : LogLevel.Warning,
    };

    public ILogger CreateLogger(string categoryName) => new LogSinkLogger(this, categoryName);

    public void Dispose()
    {
        lock (_lock)
        {
            if (_writer is not null && _writer != _stderr)
            {
                DisposeQuietly(_writer);
            }

            _writer = null;
        }
    }

    internal void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = new StringBuilder(128)
            .Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
            .Append(' ').Append(LevelName(level))
            .Append(' ').Append(category).Append(": ").Append(message);
        if (exception is not null)
        {
            line.Append('\n').Append(exception);
        }

        var text = line.Append('\n').ToString();
        lock (_lock)
        {
            var writer = _writer ??= Open();
            if (TryWrite(writer, text) is { } failure && writer != _stderr)
            {
                // A log file that cannot take the line (disk full, file gone read-only) must not fail the
                // command: its result still has to reach the runtime. The rest goes to stderr.
                DisposeQuietly(writer);
                _writer = _stderr;
                TryWrite(_stderr, $"cannot write log file {_filePath}: {failure.Message}; logging to stderr\n");
                TryWrite(_stderr, text);
            }
        }
    }

    /// <summary>Writes and flushes; returns what failed instead of throwing (a closed stderr included).</summary>
    private static Exception? TryWrite(TextWriter writer, string text)
    {
        try
        {
            writer.Write(text);
            writer.Flush();
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return ex;
        }
    }

    private static void DisposeQuietly(TextWriter writer)
    {
        try
        {
            writer.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // What it still held was written to a file that failed already; the command goes on.
        }
    }

    private TextWriter Open()
    {
        if (_filePath is null)
        {
            return _stderr;
        }

        try
        {
            var stream = new FileStream(_filePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            return new StreamWriter(stream, new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _stderr.Write($"cannot open log file {_filePath}: {ex.Message}; logging to stderr\n");
            return _stderr;
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "critical",
    };
}
