namespace Cni;

/// <summary>
/// A failure with the meaning the CNI specification gives it: a <see cref="Code"/>, a short message
/// (<c>msg</c>) and optional <see cref="Details"/>. The plugin host turns it into the error JSON a
/// runtime reads; invoking a plugin that fails throws it with the plugin's own error.
/// </summary>
public class CniException : Exception
{
    /// <summary>Creates an error with a code and a message.</summary>
    /// <param name="code">The spec error code.</param>
    /// <param name="message">The short message (<c>msg</c>).</param>
    /// <param name="details">Longer text for a person (<c>details</c>), or <see langword="null"/>.</param>
    /// <param name="innerException">What caused it, if anything.</param>
    public CniException(CniErrorCode code, string message, string? details = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Details = details;
    }

    /// <summary>Creates an internal error (code 999).</summary>
    public CniException()
        : this(CniErrorCode.Internal, "internal error")
    {
    }

    /// <summary>Creates an internal error (code 999) with a message.</summary>
    /// <param name="message">The short message (<c>msg</c>).</param>
    public CniException(string message)
        : this(CniErrorCode.Internal, message)
    {
    }

    /// <summary>Creates an internal error (code 999) with a message and a cause.</summary>
    /// <param name="message">The short message (<c>msg</c>).</param>
    /// <param name="innerException">What caused it.</param>
    public CniException(string message, Exception? innerException)
        : this(CniErrorCode.Internal, message, null, innerException)
    {
    }

    /// <summary>The spec error code.</summary>
    public CniErrorCode Code { get; }

    /// <summary>Longer text for a person, or <see langword="null"/>.</summary>
    public string? Details { get; }
}
