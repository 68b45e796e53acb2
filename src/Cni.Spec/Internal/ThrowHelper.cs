using System.Diagnostics.CodeAnalysis;

namespace Cni.Internal;

/// <summary>Throw sites kept out of line so the methods that call them stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowPluginNameEmpty()
        => throw new CniException(CniErrorCode.Internal, "no plugin name provided");

    [DoesNotReturn]
    public static void ThrowPluginNameInvalid(string plugin)
        => throw new CniException(CniErrorCode.Internal, $"invalid plugin name: {plugin}");

    [DoesNotReturn]
    public static void ThrowNoPluginPaths()
        => throw new CniException(CniErrorCode.Internal, "no paths provided");

    [DoesNotReturn]
    public static void ThrowPluginNotFound(string plugin, IReadOnlyList<string> paths)
        => throw new CniException(
            CniErrorCode.Internal,
            $"failed to find plugin {GoQuote.Quote(plugin)} in path [{string.Join(' ', paths)}]");

    [DoesNotReturn]
    public static void ThrowDecodingFailure(string message, Exception? innerException = null)
        => throw new CniException(CniErrorCode.DecodingFailure, message, null, innerException);

    [DoesNotReturn]
    public static void ThrowUnsupportedResultVersion(string version)
        => throw new CniException(CniErrorCode.IncompatibleCniVersion, $"unsupported CNI result version \"{version}\"");
}
