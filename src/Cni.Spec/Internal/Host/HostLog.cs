using Microsoft.Extensions.Logging;

namespace Cni.Internal.Host;

/// <summary>The plugin host's own log messages.</summary>
internal static partial class HostLog
{
    /// <summary>A handler threw something other than a <see cref="CniException"/>: its stack trace goes to the log, never to stdout.</summary>
    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} failed")]
    public static partial void HandlerFailed(ILogger logger, string? command, Exception exception);
}
