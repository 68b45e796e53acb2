namespace Cni.Testing;

/// <summary>A file path of one test's own under the temp directory (the file itself is left to the code under test), deleted afterwards.</summary>
/// <param name="prefix">Starts the name, so a leftover says which tests made it (<c>cnit-log</c>).</param>
/// <param name="extension">Ends the name, with its dot (<c>.log</c>).</param>
public sealed class TempFile(string prefix, string extension) : IDisposable
{
    /// <summary>The path.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}{extension}");

    /// <summary>Deletes the file if it was made.</summary>
    public void Dispose() => File.Delete(Path);
}
