using System.Globalization;
using System.Runtime.InteropServices;
using Cni.Netlink;

namespace Cni.Samples;

/// <summary>
/// Kernel errors worded as the reference plugin words them (Go prints an errno as its lowercase
/// strerror text, "file exists"), so error messages match the Go plugin's.
/// </summary>
internal static class KernelError
{
    public static string Text(NetlinkException error) => Text(error.ErrorNumber);

    public static string Text(int errno)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        return text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..];
    }
}
