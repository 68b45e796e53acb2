using System.Runtime.InteropServices;

namespace Cni.Interop;

/// <summary>
/// errno values (asm-generic/errno*.h), their symbolic names and their text: the one errno-to-text of
/// the repository, compiled into each library that reports system errors (a shared source file, so no
/// library gains a dependency for it).
/// </summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ERANGE = 34;
    public const int ENOTEMPTY = 39;
    public const int ENODATA = 61;
    public const int EBADMSG = 74;
    public const int EMSGSIZE = 90;
    public const int EPROTONOSUPPORT = 93;
    public const int EOPNOTSUPP = 95;
    public const int EAFNOSUPPORT = 97;
    public const int EADDRINUSE = 98;
    public const int EADDRNOTAVAIL = 99;
    public const int ENETDOWN = 100;
    public const int ENETUNREACH = 101;
    public const int ENOBUFS = 105;
    public const int EHOSTUNREACH = 113;

    /// <summary>The symbolic name of an errno ("ENOENT"), or "E" and the number when it has none here.</summary>
    public static string Name(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        ESRCH => "ESRCH",
        EINTR => "EINTR",
        5 => "EIO",
        6 => "ENXIO",
        7 => "E2BIG",
        EBADF => "EBADF",
        EAGAIN => "EAGAIN",
        ENOMEM => "ENOMEM",
        EACCES => "EACCES",
        14 => "EFAULT",
        EBUSY => "EBUSY",
        EEXIST => "EEXIST",
        18 => "EXDEV",
        ENODEV => "ENODEV",
        20 => "ENOTDIR",
        21 => "EISDIR",
        EINVAL => "EINVAL",
        23 => "ENFILE",
        24 => "EMFILE",
        28 => "ENOSPC",
        30 => "EROFS",
        31 => "EMLINK",
        ERANGE => "ERANGE",
        36 => "ENAMETOOLONG",
        38 => "ENOSYS",
        ENOTEMPTY => "ENOTEMPTY",
        40 => "ELOOP",
        ENODATA => "ENODATA",
        67 => "ENOLINK",
        71 => "EPROTO",
        EBADMSG => "EBADMSG",
        75 => "EOVERFLOW",
        88 => "ENOTSOCK",
        EMSGSIZE => "EMSGSIZE",
        92 => "ENOPROTOOPT",
        EPROTONOSUPPORT => "EPROTONOSUPPORT",
        EOPNOTSUPP => "EOPNOTSUPP",
        EAFNOSUPPORT => "EAFNOSUPPORT",
        EADDRINUSE => "EADDRINUSE",
        EADDRNOTAVAIL => "EADDRNOTAVAIL",
        ENETDOWN => "ENETDOWN",
        ENETUNREACH => "ENETUNREACH",
        ENOBUFS => "ENOBUFS",
        110 => "ETIMEDOUT",
        EHOSTUNREACH => "EHOSTUNREACH",
        114 => "EALREADY",
        _ => "E" + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The C library's text for an errno ("No such file or directory").</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>
    /// The text as Go prints a syscall.Errno ("no such file or directory"): the C library's with its
    /// first letter in lower case, "errno N" when there is none. The reference plugins print errors
    /// this way, and ours must read the same.
    /// </summary>
    public static string GoText(int errno)
    {
        var text = Describe(errno);
        return text.Length == 0
            ? "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Concat(char.ToLowerInvariant(text[0]).ToString(), text.AsSpan(1));
    }
}
