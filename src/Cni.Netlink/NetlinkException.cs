using Cni.Interop;

namespace Cni.Netlink;

/// <summary>
/// A netlink request, a system call or a kernel reply failed. Carries what was being done
/// (<see cref="Operation"/>), the errno and its name, and the kernel's own explanation when it sent
/// one (extended ack, for example "Unknown device type"). Malformed kernel replies are reported
/// with <c>EBADMSG</c>.
/// </summary>
public sealed class NetlinkException : Exception
{
    /// <summary>Creates an error for an operation that failed with an errno.</summary>
    /// <param name="operation">What was being done, for example "add address".</param>
    /// <param name="errorNumber">The positive errno.</param>
    /// <param name="detail">More about the failure, or <see langword="null"/>.</param>
    /// <param name="kernelMessage">The kernel's extended-ack text, or <see langword="null"/>.</param>
    public NetlinkException(string operation, int errorNumber, string? detail = null, string? kernelMessage = null)
        : base(Format(operation, errorNumber, detail, kernelMessage))
    {
        Operation = operation;
        ErrorNumber = errorNumber;
        KernelMessage = kernelMessage;
    }

    /// <summary>Creates an error with no errno (EIO is used).</summary>
    public NetlinkException()
        : this("netlink", 5)
    {
    }

    /// <summary>Creates an error with a message and no errno (EIO is used).</summary>
    /// <param name="message">What failed.</param>
    public NetlinkException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an error with a message and a cause, and no errno (EIO is used).</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public NetlinkException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Operation = message;
        ErrorNumber = 5;
    }

    /// <summary>What was being done, for example "add address" or "open network namespace".</summary>
    public string Operation { get; }

    /// <summary>The positive errno, for example 17 for EEXIST.</summary>
    public int ErrorNumber { get; }

    /// <summary>The errno's symbolic name, for example "EEXIST".</summary>
    public string ErrorName => Errno.Name(ErrorNumber);

    /// <summary>The kernel's extended-ack message, or <see langword="null"/> when it sent none.</summary>
    public string? KernelMessage { get; }

    /// <summary>
    /// The object does not exist: ENOENT (no such file or namespace), ENODEV (no such link), ESRCH
    /// (no such route) or EADDRNOTAVAIL (no such address).
    /// </summary>
    public bool IsNotFound => ErrorNumber is Errno.ENOENT or Errno.ENODEV or Errno.ESRCH or Errno.EADDRNOTAVAIL;

    /// <summary>The object already exists (EEXIST).</summary>
    public bool IsExists => ErrorNumber == Errno.EEXIST;

    /// <summary>The caller lacks the privilege (EPERM or EACCES).</summary>
    public bool IsPermissionDenied => ErrorNumber is Errno.EPERM or Errno.EACCES;

    /// <summary>The kernel does not support what was asked, for example a link kind whose module is missing (EOPNOTSUPP, EAFNOSUPPORT, EPROTONOSUPPORT).</summary>
    public bool IsNotSupported => ErrorNumber is Errno.EOPNOTSUPP or Errno.EAFNOSUPPORT or Errno.EPROTONOSUPPORT;

    private static string Format(string operation, int errorNumber, string? detail, string? kernelMessage)
    {
        var text = $"{operation}: {Errno.Name(errorNumber)} ({Errno.Describe(errorNumber)})";
        if (detail is not null)
        {
            text += ": " + detail;
        }

        if (kernelMessage is not null)
        {
            text += ": kernel says \"" + kernelMessage + "\"";
        }

        return text;
    }
}
