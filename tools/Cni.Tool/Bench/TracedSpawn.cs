using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Cni.Tool.Running;

namespace Cni.Tool.Bench;

/// <summary>
/// Runs a program and measures it the way the kernel accounts it. The peak RSS in getrusage counts
/// the parent's memory image the child had until exec (so a 7 MiB launcher hides a 4 MiB plugin);
/// instead the child is traced and its own VmHWM is read from /proc at its exit stop, before its
/// memory is released. Tracing must begin before the program can run, or a fast one exits first:
/// the child starts as <c>/bin/sh</c>, stops itself, is seized (PTRACE_SEIZE with PTRACE_O_TRACEEXEC
/// and PTRACE_O_TRACEEXIT) and only then execs the program. Wall time runs from that release to exit;
/// CPU time is wait4's rusage (the program and the children it waited for, such as an IPAM plugin)
/// less what the shell had used by the exec.
/// </summary>
internal static unsafe partial class TracedSpawn
{
    private const string Shell = "/bin/sh";

    // $0 is the program: the shell stops itself, then becomes the program with argv[0] = its path.
    private const string StopThenExec = "kill -STOP $$ && exec \"$0\"";

    private const long PtraceCont = 7;
    private const long PtraceSeize = 0x4206;
    private const long PtraceOptions = 0x10 | 0x40; // PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT
    private const int PtraceEventExec = 4;
    private const int PtraceEventExit = 6;
    private const int WaitAll = 0x40000000;
    private const int WaitUntraced = 2;
    private const int SigTrap = 5;
    private const int SigCont = 18;
    private const int AccessExecute = 1;

    /// <summary>Runs <paramref name="path"/> with this process's environment and stdio and waits for it.</summary>
    /// <returns>
    /// Its exit code (128 + signal when killed) and the measurement; peak RSS <see langword="null"/> when
    /// tracing is not permitted or the program was killed without an exit stop.
    /// </returns>
    /// <exception cref="ToolException">The program cannot be run.</exception>
    public static (int ExitCode, CallSample Sample) Run(string path)
    {
        // A full path: the shell's exec would look a bare name up on PATH.
        path = Path.GetFullPath(path);
        if (Access(path, AccessExecute) != 0)
        {
            throw new ToolException($"cannot run {path}: {Marshal.GetLastPInvokeErrorMessage()} (errno {Marshal.GetLastPInvokeError()})");
        }

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

            var argv = stackalloc nint[5] { Utf8("sh"), Utf8("-c"), Utf8(StopThenExec), Utf8(path), 0 };
            var envp = new nint[environment.Count + 1];
            for (var i = 0; i < environment.Count; i++)
            {
                envp[i] = Utf8(environment[i]);
            }

            var shell = Utf8(Shell);
            int pid;
            fixed (nint* envpPointer = envp)
            {
                var error = PosixSpawn(out pid, (byte*)shell, 0, 0, (byte**)argv, (byte**)envpPointer);
                if (error != 0)
                {
                    throw new ToolException($"cannot run {Shell} to start {path}: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");
                }
            }

            Span<long> usage = stackalloc long[18];
            var (status, _) = Wait(pid, WaitAll | WaitUntraced, usage);
            if ((status & 0xff) != 0x7f)
            {
                throw new ToolException($"cannot run {path}: {Shell} exited before it stopped itself (status {status})");
            }

            // Stopped, the shell cannot exec the program, so the seize cannot lose a race to a fast one.
            // SIGCONT ends the group stop (a PTRACE_CONT alone would leave it in force, and the threads a
            // Go program starts would stop); without ptrace the shell just goes on, untraced.
            var traced = Ptrace(PtraceSeize, pid, 0, (nint)PtraceOptions) == 0;
            var clock = Stopwatch.StartNew();
            Kill(pid, SigCont);

            var executed = !traced;
            var shellCpu = TimeSpan.Zero;
            long? peakRss = null;
            while (true)
            {
                (status, var rusage) = Wait(pid, WaitAll, usage);
                if ((status & 0xff) != 0x7f)
                {
                    var wall = clock.Elapsed;
                    var exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
                    if (!executed)
                    {
                        // The shell said why on stderr (not found, not an executable, ...).
                        throw new ToolException($"cannot run {path}: {Shell} could not exec it (exit status {exitCode})");
                    }

                    return (exitCode, new CallSample(wall, rusage - shellCpu, peakRss));
                }

                // A ptrace stop: record the exec and the exit; pass real signals on, not ptrace's own traps.
                var signal = (status >> 8) & 0xff;
                var trapEvent = status >> 16;
                if (signal == SigTrap && trapEvent == PtraceEventExec && !executed)
                {
                    // The shell's exec of the plugin; a plugin that execs again keeps its CPU so far.
                    executed = true;
                    shellCpu = CpuSoFar(pid);
                }
                else if (signal == SigTrap && trapEvent == PtraceEventExit)
                {
                    peakRss = ReadHighWaterMark(pid);
                }

                if (trapEvent != 0)
                {
                    signal = 0;
                }

                Ptrace(PtraceCont, pid, 0, signal);
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

    /// <summary>wait4 on <paramref name="pid"/>: its status and the CPU time (user + system) in its rusage.</summary>
    private static (int Status, TimeSpan Cpu) Wait(int pid, int options, Span<long> usage)
    {
        int status;
        fixed (long* usagePointer = usage)
        {
            if (Wait4(pid, out status, options, usagePointer) < 0)
            {
                throw new ToolException($"wait4 failed: {Marshal.GetLastPInvokeErrorMessage()}");
            }
        }

        return (status, TimeSpan.FromMicroseconds((usage[0] * 1_000_000L) + usage[1] + (usage[2] * 1_000_000L) + usage[3]));
    }

    /// <summary>
    /// The task's CPU time so far (user + system, nanoseconds: the first field of /proc/PID/schedstat);
    /// zero where the kernel has no schedstat, so the shell's few hundred microseconds are then counted.
    /// </summary>
    private static TimeSpan CpuSoFar(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/schedstat");
            var end = text.IndexOf(' ', StringComparison.Ordinal);
            return long.TryParse(text.AsSpan(0, end < 0 ? text.Length : end), NumberStyles.None, CultureInfo.InvariantCulture, out var nanoseconds)
                ? TimeSpan.FromTicks(nanoseconds / 100)
                : TimeSpan.Zero;
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    private static long? ReadHighWaterMark(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    private static partial int PosixSpawn(out int pid, byte* path, nint fileActions, nint attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "ptrace", SetLastError = true)]
    private static partial long Ptrace(long request, int pid, nint address, nint data);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "wait4", SetLastError = true)]
    private static partial int Wait4(int pid, out int status, int options, long* usage);
}
