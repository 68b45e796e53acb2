using System.Diagnostics.CodeAnalysis;

namespace Cni.Internal;

/// <summary>Throws for the library's hot paths, so callers stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowDecodingFailure(string message, Exception? innerException = null)
        => throw new CniException(CniErrorCode.DecodingFailure, message, null, innerException);

    [DoesNotReturn]
    public static void ThrowInvalidNetworkConfig(string message)
        => throw new CniException(CniErrorCode.InvalidNetworkConfig, message);

    [DoesNotReturn]
    public static void ThrowInvalidArgs(string message)
        => throw new CniException(CniErrorCode.InvalidEnvironmentVariables, message);
}
