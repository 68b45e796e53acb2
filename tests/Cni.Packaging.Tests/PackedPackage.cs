using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Xml.Linq;

namespace Cni.Packaging.Tests;

/// <summary>One .nupkg of artifacts/packages, opened: its nuspec metadata and its files (and those of its .snupkg, if any).</summary>
internal sealed class PackedPackage : IDisposable
{
    // The PDB custom debug information that holds the SourceLink JSON (Portable PDB specification).
    private static readonly Guid s_sourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private readonly ZipArchive _zip;
    private readonly ZipArchive? _symbols;
    private readonly XElement _metadata;

    public PackedPackage(string path)
    {
        Path = path;
        _zip = ZipFile.OpenRead(path);
        var symbols = System.IO.Path.ChangeExtension(path, ".snupkg");
        _symbols = File.Exists(symbols) ? ZipFile.OpenRead(symbols) : null;
        using var nuspec = _zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        _metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public string Path { get; }

    public string Id => Metadata("id")!;

    public IEnumerable<string> Files => _zip.Entries.Select(e => e.FullName);

    public bool IsTool => PackageTypes.Contains("DotnetTool");

    public IEnumerable<string> PackageTypes
        => Element("packageTypes")?.Elements().Select(e => e.Attribute("name")!.Value) ?? [];

    public IEnumerable<string> Tags => (Metadata("tags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The ids of the packages it depends on, in every target framework group.</summary>
    public IEnumerable<string> Dependencies
        => Element("dependencies")?.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value) ?? [];

    /// <summary>The asset types a dependency leaves out for the consumer (its <c>exclude</c>, such as <c>Build,Analyzers</c>), or "" for none.</summary>
    public string DependencyExclude(string id)
        => Element("dependencies")?.Descendants().First(e => e.Name.LocalName == "dependency" && e.Attribute("id")?.Value == id).Attribute("exclude")?.Value ?? "";

    /// <summary>The value of a nuspec metadata element (<c>id</c>, <c>description</c>, <c>icon</c>...), or null when absent.</summary>
    public string? Metadata(string name) => Element(name)?.Value;

    /// <summary>An attribute of a nuspec metadata element (<c>repository</c>'s <c>url</c>...), or null when absent.</summary>
    public string? Metadata(string name, string attribute) => Element(name)?.Attribute(attribute)?.Value;

    public byte[] ReadBytes(string file)
    {
        using var stream = _zip.GetEntry(file)?.Open() ?? throw new FileNotFoundException($"{Id} has no {file}", file);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A text file, without the byte order mark NuGet's own files start with.</summary>
    public string ReadText(string file)
    {
        using var reader = new StreamReader(new MemoryStream(ReadBytes(file)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>The SourceLink JSON of every PDB in the package and its symbol package, by PDB path ("" when a PDB has none).</summary>
    public IEnumerable<(string Pdb, string SourceLink)> SourceLinks()
    {
        foreach (var entry in _zip.Entries.Concat(_symbols?.Entries ?? []).Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(copy);
            var reader = provider.GetMetadataReader();
            var sourceLink = reader.CustomDebugInformation
                .Select(reader.GetCustomDebugInformation)
                .Where(info => reader.GetGuid(info.Kind) == s_sourceLinkKind)
                .Select(info => Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)))
                .SingleOrDefault() ?? "";
            yield return (entry.FullName, sourceLink);
        }
    }

    public void Dispose()
    {
        _zip.Dispose();
        _symbols?.Dispose();
    }

    private XElement? Element(string name) => _metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);
}
