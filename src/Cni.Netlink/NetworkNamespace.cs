using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Cni.Interop;
using Cni.Netlink.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Netlink;

/// <summary>
/// An open network namespace: a file descriptor on its nsfs file. Named namespaces are bind mounts
/// under <c>/run/netns</c>, as <c>ip netns add</c> makes them, so <c>ip netns</c> and CNI runtimes see them.
/// </summary>
/// <remarks>
/// Code runs inside a namespace on a dedicated thread (<see cref="Run(Action)"/>): a thread's
/// namespace is per thread, and pool threads or awaits would carry it to unrelated work. Sockets
/// opened there (<see cref="NetlinkSocket.Open(NetworkNamespace)"/>) stay in the namespace and can
/// be used from any thread. Instances are thread-safe.
/// </remarks>
public sealed class NetworkNamespace : IDisposable
{
    /// <summary>Where named namespaces are bind-mounted (iproute2's NETNS_RUN_DIR).</summary>
    public const string NamedNamespaceDirectory = "/run/netns";

    internal NetworkNamespace(SafeFileHandle handle, string path)
    {
        Handle = handle;
        Path = path;
    }

    /// <summary>The namespace's file descriptor, for setns(2) or IFLA_NET_NS_FD.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>The path it was opened from.</summary>
    public string Path { get; }

    internal int FileDescriptor => (int)Handle.DangerousGetHandle();

    /// <summary>Opens the namespace at a path: a bind mount (<c>/run/netns/NAME</c>) or <c>/proc/PID/ns/net</c>.</summary>
    /// <param name="path">The nsfs file.</param>
    /// <returns>The open namespace.</returns>
    /// <exception cref="NetlinkException">The path cannot be opened (<see cref="NetlinkException.IsNotFound"/> when it does not exist).</exception>
    public static NetworkNamespace Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fd = Libc.Open(path, LibcConstants.ORdOnly | LibcConstants.OCloexec, 0);
        if (fd < 0)
        {
            throw new NetlinkException("open network namespace", Marshal.GetLastPInvokeError(), path);
        }

        return new NetworkNamespace(new SafeFileHandle(fd, ownsHandle: true), path);
    }

    /// <summary>Opens a named namespace (<c>/run/netns/NAME</c>).</summary>
    /// <param name="name">The name, as <c>ip netns</c> lists it.</param>
    /// <returns>The open namespace.</returns>
    /// <exception cref="NetlinkException">It does not exist or cannot be opened.</exception>
    public static NetworkNamespace OpenByName(string name) => Open(NamedPath(name));

    /// <summary>Opens the namespace a process is in (<c>/proc/PID/ns/net</c>).</summary>
    /// <param name="processId">The process id.</param>
    /// <returns>The open namespace.</returns>
    /// <exception cref="NetlinkException">The process does not exist or cannot be inspected.</exception>
    public static NetworkNamespace OpenByProcess(int processId)
        => Open($"/proc/{processId}/ns/net");

    /// <summary>Opens the namespace of the calling thread.</summary>
    /// <returns>The open namespace.</returns>
    public static NetworkNamespace OpenCurrent() => Open("/proc/thread-self/ns/net");

    /// <summary>
    /// Creates a new, empty network namespace bind-mounted at <c>/run/netns/NAME</c>, as
    /// <c>ip netns add NAME</c> does, and opens it.
    /// </summary>
    /// <param name="name">The name: no slash, not "." or "..".</param>
    /// <returns>The open namespace.</returns>
    /// <exception cref="NetlinkException">It exists already (<see cref="NetlinkException.IsExists"/>) or a system call failed (root is needed).</exception>
    public static NetworkNamespace Create(string name)
    {
        var path = NamedPath(name);
        PrepareNamedDirectory();
        var fd = Libc.Open(path, LibcConstants.ORdOnly | LibcConstants.OCreat | LibcConstants.OExcl | LibcConstants.OCloexec, 0);
        if (fd < 0)
        {
            throw new NetlinkException("create network namespace", Marshal.GetLastPInvokeError(), path);
        }

        new SafeFileHandle(fd, ownsHandle: true).Dispose();
        try
        {
            RunOnThread(
                () =>
                {
                    if (Libc.Unshare(LibcConstants.CloneNewNet) != 0)
                    {
                        throw new NetlinkException("create network namespace (unshare)", Marshal.GetLastPInvokeError(), path);
                    }

                    if (Libc.Mount("/proc/thread-self/ns/net", path, "none", LibcConstants.MsBind, 0) != 0)
                    {
                        throw new NetlinkException("create network namespace (bind mount)", Marshal.GetLastPInvokeError(), path);
                    }

                    return 0;
                });
            return Open(path);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Deletes a named namespace: unmounts <c>/run/netns/NAME</c> and removes the file, as <c>ip netns delete</c> does.</summary>
    /// <param name="name">The name.</param>
    /// <remarks>The namespace itself lives on while a process or an open descriptor still uses it.</remarks>
    /// <exception cref="NetlinkException">It does not exist (<see cref="NetlinkException.IsNotFound"/>) or cannot be unmounted.</exception>
    public static void Delete(string name)
    {
        var path = NamedPath(name);
        if (Libc.Umount2(path, LibcConstants.MntDetach) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINVAL)
            {
                throw new NetlinkException("delete network namespace (unmount)", errno, path);
            }
        }

        if (!File.Exists(path))
        {
            throw new NetlinkException("delete network namespace", Errno.ENOENT, path);
        }

        File.Delete(path);
    }

    /// <summary>Runs an action inside the namespace on a dedicated thread and waits for it.</summary>
    /// <param name="action">Synchronous work; it must not hand work to other threads that expect the namespace.</param>
    /// <exception cref="NetlinkException">Entering the namespace failed.</exception>
    public void Run(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run(() =>
        {
            action();
            return 0;
        });
    }

    /// <summary>Runs a function inside the namespace on a dedicated thread and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="function">Synchronous work.</param>
    /// <returns>What <paramref name="function"/> returned.</returns>
    /// <exception cref="NetlinkException">Entering the namespace failed.</exception>
    public T Run<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return RunOnThread(() =>
        {
            if (Libc.SetNs(Handle, LibcConstants.CloneNewNet) != 0)
            {
                throw new NetlinkException("enter network namespace", Marshal.GetLastPInvokeError(), Path);
            }

            return function();
        });
    }

    /// <summary>Reads a sysctl of this namespace (files under /proc/sys/net are per namespace).</summary>
    /// <param name="name">"net.ipv4.ip_forward", or a path under /proc/sys with slashes ("net/ipv4/conf/eth0.100/rp_filter") when a part has dots.</param>
    /// <returns>The value, without the trailing newline.</returns>
    /// <exception cref="IOException">The sysctl does not exist or cannot be read.</exception>
    public string ReadSysctl(string name)
    {
        var path = SysctlPath(name);
        return Run(() => File.ReadAllText(path).TrimEnd('\n'));
    }

    /// <summary>Writes a sysctl of this namespace, for example "net.ipv4.ip_forward" = "1".</summary>
    /// <param name="name">As for <see cref="ReadSysctl"/>.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="IOException">The sysctl does not exist or refuses the value.</exception>
    public void WriteSysctl(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var path = SysctlPath(name);
        Run(() => File.WriteAllText(path, value));
    }

    /// <summary>Closes the descriptor (a named namespace stays until <see cref="Delete"/>).</summary>
    public void Dispose() => Handle.Dispose();

    private static T RunOnThread<T>(Func<T> function)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = function();
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        })
        {
            IsBackground = true,
            Name = "netns",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private static string SysctlPath(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var relative = name.Contains('/', StringComparison.Ordinal) ? name.TrimStart('/') : name.Replace('.', '/');
        if (relative.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"'{name}' is not a sysctl name.", nameof(name));
        }

        return "/proc/sys/" + relative;
    }

    private static string NamedPath(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a namespace name.", nameof(name));
        }

        return NamedNamespaceDirectory + "/" + name;
    }

    /// <summary>
    /// Makes /run/netns a shared mount point, as iproute2 does, so bind mounts made in it propagate to
    /// mount namespaces created later (a container runtime's).
    /// </summary>
    private static void PrepareNamedDirectory()
    {
        Directory.CreateDirectory(NamedNamespaceDirectory);
        if (Libc.Mount("none", NamedNamespaceDirectory, "none", LibcConstants.MsShared | LibcConstants.MsRec, 0) == 0)
        {
            return;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno != Errno.EINVAL)
        {
            throw new NetlinkException("prepare " + NamedNamespaceDirectory, errno);
        }

        if (Libc.Mount(NamedNamespaceDirectory, NamedNamespaceDirectory, "none", LibcConstants.MsBind | LibcConstants.MsRec, 0) != 0
            || Libc.Mount("none", NamedNamespaceDirectory, "none", LibcConstants.MsShared | LibcConstants.MsRec, 0) != 0)
        {
            throw new NetlinkException("prepare " + NamedNamespaceDirectory, Marshal.GetLastPInvokeError());
        }
    }
}
