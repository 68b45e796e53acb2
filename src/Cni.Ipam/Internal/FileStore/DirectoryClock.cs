using System.Runtime.InteropServices;
using Cni.Interop;
using Cni.Ipam.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Ipam.Internal.FileStore;

/// <summary>
/// Makes sure a change made after we recorded a directory's times gets later times, so comparing times is
/// enough to notice it. Linux 6.13 and later give ext4, xfs, btrfs and tmpfs multigrain timestamps: once the
/// times were read, the next change gets a finer, later time, even within one clock tick. Elsewhere times come
/// from the coarse clock (one tick, 1–10 ms), so before unlocking we wait until that clock has passed the times
/// we recorded.
/// </summary>
internal static unsafe class DirectoryClock
{
    private static readonly bool KernelHasMultigrain = Environment.OSVersion.Version >= new Version(6, 13);

    /// <summary>Whether the file system of <paramref name="directory"/> gives multigrain timestamps.</summary>
    public static bool IsMultigrain(SafeFileHandle directory)
    {
        if (!KernelHasMultigrain)
        {
            return false;
        }

        var buffer = stackalloc byte[LibcConstants.StatfsSize];
        if (Libc.Fstatfs(directory, buffer) < 0)
        {
            return false;
        }

        var type = *(long*)buffer;
        return type is LibcConstants.Ext4SuperMagic or LibcConstants.XfsSuperMagic or LibcConstants.BtrfsSuperMagic or LibcConstants.TmpfsMagic;
    }

    /// <summary>Waits until the coarse real-time clock is past both times of <paramref name="stamp"/>.</summary>
    public static void WaitPast(in DirectoryStamp stamp)
    {
        var (seconds, nanoseconds) = stamp.ChangedSeconds > stamp.ModifiedSeconds
            || (stamp.ChangedSeconds == stamp.ModifiedSeconds && stamp.ChangedNanoseconds >= stamp.ModifiedNanoseconds)
            ? (stamp.ChangedSeconds, (long)stamp.ChangedNanoseconds)
            : (stamp.ModifiedSeconds, (long)stamp.ModifiedNanoseconds);
        var now = stackalloc long[2];
        for (var spins = 0; spins < 1000; spins++)
        {
            if (Libc.ClockGetTime(LibcConstants.ClockRealtimeCoarse, now) < 0)
            {
                throw new CniException(CniErrorCode.IOFailure, $"clock_gettime: {Errno.GoText(Marshal.GetLastPInvokeError())}");
            }

            if (now[0] > seconds || (now[0] == seconds && now[1] > nanoseconds))
            {
                return;
            }

            Thread.Sleep(1);
        }
    }
}
