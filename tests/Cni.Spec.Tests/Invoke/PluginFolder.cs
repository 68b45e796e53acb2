using System.Text;

namespace Cni.Tests.Invoke;

/// <summary>A temporary folder of shell-script plugins, deleted on Dispose.</summary>
public sealed class PluginFolder : IDisposable
{
    public PluginFolder()
    {
        Path = Directory.CreateTempSubdirectory("cnit-invoke-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes an executable <c>/bin/sh</c> script named <paramref name="name"/>.</summary>
    public string Script(string name, string body)
    {
        var path = System.IO.Path.Join(Path, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n", new UTF8Encoding(false));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A sub-folder, created.</summary>
    public string Folder(string name) => Directory.CreateDirectory(System.IO.Path.Join(Path, name)).FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
