namespace Cni;

/// <summary>
/// What <see cref="CniConfigDirectory.LoadFirst"/> does with a configuration file that does not load
/// (malformed, missing <c>type</c>, unreadable).
/// </summary>
public enum CniConfigFileFailure
{
    /// <summary>Skip it, with a warning, and go on to the next file, as CRI-O (ocicni) and kubelet's dockershim did.</summary>
    Skip,

    /// <summary>Stop and throw, naming the file, as containerd (go-cni) does.</summary>
    Fail,
}
