using System.Runtime.InteropServices;

namespace Cni.Netlink.Benchmarks.Nlbench;

/// <summary>User CPU time of the whole process from getrusage(RUSAGE_SELF), as nlbench-go reads it.</summary>
internal static partial class Rusage
{
    private const int RusageSelf = 0;

    public static long UserNanoseconds()
    {
        Span<long> usage = stackalloc long[18];
        if (GetRusage(RusageSelf, ref MemoryMarshal.GetReference(usage)) != 0)
        {
            throw new InvalidOperationException("getrusage failed");
        }

        // struct rusage starts with ru_utime: a struct timeval of seconds and microseconds.
        return (usage[0] * 1_000_000_000L) + (usage[1] * 1000L);
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, ref long usage);
}
