namespace Cni.Ipam.Tests;

/// <summary>A data directory for one test, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnit-ipam-" + Guid.NewGuid().ToString("N"));

    public string Network(string name = "net1") => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
