using Microsoft.Extensions.Logging;

namespace Cni.Tests.PluginHost;

internal static partial class HostTestLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "quiet")]
    public static partial void Quiet(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "loud")]
    public static partial void Loud(ILogger logger);
}
