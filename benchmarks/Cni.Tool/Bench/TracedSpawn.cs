using System.Diagnostics;
using System.Runtime.InteropServices;
using Cni.Tool.Running;

namespace Cni.Tool.Bench;

/// <summary>
/// Runs a program and measures it the way the kernel accounts it. The peak RSS in getrusage counts
/// the parent's memory image the child had until exec (so a 7 MiB launcher hides a 4 MiB plugin);
/// instead the child is traced (PTRACE_SEIZE with PTRACE_O_TRACEEXIT) and its own VmHWM is read
/// from /proc at its exit stop, before its memory is released. CPU time comes from wait4's rusage
/// (the program and the children it waited for, such as an IPAM plugin).
/// </summary>
internal static unsafe partial class TracedSpawn
{
    private const long PtraceCont = 7;
    private const long PtraceSeize = 0x4206;
    private const long PtraceOptionTraceExit = 0x40;
    private const int PtraceEventExit = 6;
    private const int WaitAll = 0x40000000;
    private const int SigTrap = 5;

    /// <summary>Runs <paramref name="path"/> with this process's environment and stdio and waits for it.</summary>
    /// <returns>
    /// Its exit code (128 + signal when killed) and the measurement; peak RSS <see langword="null"/> when
    /// it could not be traced (it exited before PTRACE_SEIZE, or tracing is not permitted) or was killed
    /// without an exit stop.
    /// </returns>
    public static (int ExitCode, CallSample Sample) Run(string path)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").ToList();
        var strings = new List<nint>();
        try
        {
            nint Utf8(string text)
            {
                var pointer = Marshal.StringToCoTaskMemUTF8(text);
                strings.Add(pointer);
                return pointer;
            }

            var argv = stackalloc nint[2] { Utf8(path), 0 };
            var envp = new nint[environment.Count + 1];
            for (var i = 0; i < environment.Count; i++)
            {
                envp[i] = Utf8(environment[i]);
            }

            var clock = Stopwatch.StartNew();
            int pid;
            fixed (nint* envpPointer = envp)
            {
                var error = PosixSpawn(out pid, (byte*)argv[0], 0, 0, (byte**)argv, (byte**)envpPointer);
                if (error != 0)
                {
                    throw new ToolException($"cannot run {path}: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");
                }
            }

            // posix_spawn returns once the child has exec'd. A child that has exited by now cannot be
            // seized (ESRCH), nor any when ptrace is not permitted: its peak RSS stays unknown, not 0,
            // so it cannot drag a median down.
            var traced = Ptrace(PtraceSeize, pid, 0, (nint)PtraceOptionTraceExit) == 0;
            long? peakRss = null;
            Span<long> usage = stackalloc long[18];
            while (true)
            {
                int status;
                fixed (long* usagePointer = usage)
                {
                    if (Wait4(pid, out status, WaitAll, usagePointer) < 0)
                    {
                        throw new ToolException($"wait4 failed: {Marshal.GetLastPInvokeErrorMessage()}");
                    }
                }

                if ((status & 0xff) != 0x7f)
                {
                    var wall = clock.Elapsed;
                    var exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
                    var cpu = TimeSpan.FromMicroseconds((usage[0] * 1_000_000L) + usage[1] + (usage[2] * 1_000_000L) + usage[3]);
                    return (exitCode, new CallSample(wall, cpu, peakRss));
                }

                // A stop: at the exit event read the high-water mark; pass any real signal on.
                var signal = (status >> 8) & 0xff;
                if (signal == SigTrap && status >> 16 == PtraceEventExit)
                {
                    peakRss = ReadHighWaterMark(pid);
                    signal = 0;
                }
                else if (status >> 16 != 0)
                {
                    signal = 0;
                }

                if (traced)
                {
                    Ptrace(PtraceCont, pid, 0, signal);
                }
            }
        }
        finally
        {
            foreach (var pointer in strings)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    private static long? ReadHighWaterMark(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    private static partial int PosixSpawn(out int pid, byte* path, nint fileActions, nint attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "ptrace", SetLastError = true)]
    private static partial long Ptrace(long request, int pid, nint address, nint data);

    [LibraryImport("libc", EntryPoint = "wait4", SetLastError = true)]
    private static partial int Wait4(int pid, out int status, int options, long* usage);
}
