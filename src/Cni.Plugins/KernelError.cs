using Cni.Interop;
using Cni.Netlink;

namespace Cni.Plugins;

/// <summary>
/// Kernel errors worded as the reference plugin words them (Go prints an errno as its lowercase
/// strerror text, "file exists"), so error messages match the Go plugin's.
/// </summary>
public static class KernelError
{
    /// <summary>The error's text as the reference words it (<c>file exists</c>).</summary>
    /// <param name="error">The kernel's refusal.</param>
    /// <returns>The lowercase strerror text.</returns>
    public static string Text(NetlinkException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Text(error.ErrorNumber);
    }

    /// <summary>An errno's text as the reference words it (<c>no such file or directory</c> for 2).</summary>
    /// <param name="errno">The error number.</param>
    /// <returns>The lowercase strerror text.</returns>
    public static string Text(int errno) => Errno.GoText(errno);
}
