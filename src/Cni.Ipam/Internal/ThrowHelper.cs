using System.Diagnostics.CodeAnalysis;
using Cni.Interop;

namespace Cni.Ipam.Internal;

/// <summary>Throws from hot code without inflating the callers (the throw sites stay out of line).</summary>
internal static class ThrowHelper
{
    /// <summary>
    /// A failure host-local reports as a plain error, which its plugin host turns into code 999; the message is
    /// the reference's, and <paramref name="key"/> (the configuration key at fault) goes in the details.
    /// </summary>
    [DoesNotReturn]
    public static void ThrowIpam(string message, string? key = null)
        => throw new CniException(CniErrorCode.Internal, message, key is null ? null : $"at {key}");

    /// <summary>A value of the configuration has the wrong JSON type (code 6); <paramref name="key"/> goes in the details.</summary>
    [DoesNotReturn]
    public static void ThrowDecodingFailure(string message, string key)
        => throw new CniException(CniErrorCode.DecodingFailure, message, $"at {key}");

    /// <summary>A system call of the file store failed.</summary>
    [DoesNotReturn]
    public static void ThrowIO(string operation, string path, int errno)
        => throw new CniException(CniErrorCode.IOFailure, $"{operation} {path}: {Errno.GoText(errno)}");

    /// <summary>The store cannot serve an ADD (STATUS, code 50).</summary>
    [DoesNotReturn]
    public static void ThrowNotAvailable(string message)
        => throw new CniException(CniErrorCode.PluginNotAvailable, message);
}
