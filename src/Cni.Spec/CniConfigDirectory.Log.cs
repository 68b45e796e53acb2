using Microsoft.Extensions.Logging;

namespace Cni;

public static partial class CniConfigDirectory
{
    [LoggerMessage(EventId = 1, EventName = "ConfigFileSkipped", Level = LogLevel.Warning, Message = "Skipped CNI configuration file {Path}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string path, string reason, Exception exception);
}
