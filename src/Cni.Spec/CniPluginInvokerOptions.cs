namespace Cni;

/// <summary>How a <see cref="CniPluginInvoker"/> runs plugins.</summary>
public sealed class CniPluginInvokerOptions
{
    /// <summary>
    /// How long one invocation may take, retries included; past it the plugin and every process it
    /// started are killed and a <see cref="CniException"/> with code 11 (try again later) is thrown.
    /// <see cref="Timeout.InfiniteTimeSpan"/> (the default, as in libcni) waits for as long as it takes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero, a negative value other than infinite, or more than <see cref="int.MaxValue"/> milliseconds.</exception>
    public TimeSpan Timeout
    {
        get;
        set
        {
            if (value != System.Threading.Timeout.InfiniteTimeSpan)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMilliseconds(int.MaxValue));
            }

            field = value;
        }
    }

    = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Variables every plugin gets on top of this process's environment; the delegate methods also
    /// read <c>CNI_PATH</c> and pass on the other CNI_* variables from here before the process
    /// environment. Lets a plugin host that got its request from elsewhere, or a test, delegate
    /// without changing the process environment.
    /// </summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Where the stderr of a plugin that succeeded is copied (a failed plugin's stderr goes into the
    /// error). <see langword="null"/>, the default, means this process's stderr, as in libcni;
    /// <see cref="Stream.Null"/> drops it.
    /// </summary>
    public Stream? Stderr { get; set; }

    /// <summary>The wait before running a binary again that was busy being written (libcni waits a second).</summary>
    internal TimeSpan TextFileBusyDelay { get; set; } = TimeSpan.FromSeconds(1);
}
