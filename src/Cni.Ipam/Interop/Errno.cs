using System.Runtime.InteropServices;

namespace Cni.Ipam.Interop;

/// <summary>Text for an errno value in Go's wording (<c>no such file or directory</c>), as the reference prints it.</summary>
internal static class Errno
{
    public static string Describe(int errno)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : $"errno {errno}";
    }
}
