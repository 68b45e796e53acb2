namespace Cni.Tool;

/// <summary>A usage or environment mistake the tool reports on stderr as one line (not a plugin's error).</summary>
internal sealed class ToolException : Exception
{
    public ToolException()
    {
    }

    public ToolException(string message)
        : base(message)
    {
    }

    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
