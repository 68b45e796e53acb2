using System.Runtime.InteropServices;

namespace Cni.Internal.Host;

/// <summary>
/// Tells whether a network namespace path (CNI_NETNS) names the namespace the plugin itself runs
/// in, by comparing device and inode numbers with <c>/proc/self/ns/net</c> (statx, whose layout is
/// the same on every architecture).
/// </summary>
internal static partial class NetworkNamespaceIdentity
{
    private const string OwnNamespacePath = "/proc/self/ns/net";
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;
    private const int InodeOffset = 32;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    /// <summary>
    /// True when <paramref name="netNsPath"/> is the plugin's own namespace; false when it is
    /// another one or cannot be examined (a missing path is the handler's to report).
    /// </summary>
    public static bool IsOwnNamespace(string netNsPath)
        => TryGetIdentity(netNsPath, out var target)
            && TryGetIdentity(OwnNamespacePath, out var own)
            && target == own;

    private static unsafe bool TryGetIdentity(string path, out (ulong Inode, uint Major, uint Minor) identity)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxIno, buffer) != 0)
        {
            identity = default;
            return false;
        }

        identity = (*(ulong*)(buffer + InodeOffset), *(uint*)(buffer + DevMajorOffset), *(uint*)(buffer + DevMinorOffset));
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);
}
