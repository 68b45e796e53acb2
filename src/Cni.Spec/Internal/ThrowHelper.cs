using System.Diagnostics.CodeAnalysis;
using Cni.Internal.GoFormat;

namespace Cni.Internal;

/// <summary>Throws from hot code without inflating the callers (the throw sites stay out of line).</summary>
internal static class ThrowHelper
{
    /// <summary>Content could not be decoded (code 6).</summary>
    [DoesNotReturn]
    public static void ThrowDecodingFailure(string message, Exception? innerException = null)
        => throw new CniException(CniErrorCode.DecodingFailure, message, null, innerException);

    /// <summary>A result version that no spec defines or this library does not implement (code 1).</summary>
    [DoesNotReturn]
    public static void ThrowUnsupportedResultVersion(string version)
        => throw new CniException(CniErrorCode.IncompatibleCniVersion, $"unsupported CNI result version \"{version}\"");

    /// <summary>A result that cannot be expressed in the requested version (code 1).</summary>
    [DoesNotReturn]
    public static void ThrowCannotConvert(string message)
        => throw new CniException(CniErrorCode.IncompatibleCniVersion, message);

    /// <summary>A configuration value failed validation (code 7).</summary>
    [DoesNotReturn]
    public static void ThrowInvalidNetworkConfig(string message)
        => throw new CniException(CniErrorCode.InvalidNetworkConfig, message);

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
}
