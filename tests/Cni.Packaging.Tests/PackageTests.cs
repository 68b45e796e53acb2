using System.IO.Compression;
using System.Xml.Linq;
using Cni.Testing;

namespace Cni.Packaging.Tests;

public class PackageTests
{
    public static TheoryData<string> Packages => new("Cni.Spec", "Cni.Netlink", "Cni.Ipam");

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_library_packs_with_its_readme_license_and_repository(string id)
    {
        var nupkg = FindPackage(id);
        using var zip = ZipFile.OpenRead(nupkg);

        var readme = zip.GetEntry("README.md");
        Assert.NotNull(readme);
        using (var reader = new StreamReader(readme.Open()))
        {
            Assert.StartsWith($"# {id}", reader.ReadToEnd(), StringComparison.Ordinal);
        }

        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var nuspecStream = nuspecEntry.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal(id, Value("id"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("Apache-2.0", Value("license"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{id}.dll");
        Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{id}.xml");
    }

    [Fact]
    public void Only_the_libraries_and_the_templates_are_packed()
    {
        var ids = Directory.EnumerateFiles(RequirePackagesFolder(), "*.nupkg")
            .Select(p => Path.GetFileName(p).Split(".0.")[0])
            .Distinct()
            .Order(StringComparer.Ordinal);
        Assert.Equal(["Cni.Ipam", "Cni.Netlink", "Cni.Spec", "Cni.Templates"], ids);
    }

    private static string FindPackage(string id)
    {
        var matches = Directory.GetFiles(RequirePackagesFolder(), $"{id}.0.*.nupkg");
        return Assert.Single(matches);
    }

    private static string RequirePackagesFolder()
    {
        var folder = RepositoryPaths.Packages;
        Assert.True(Directory.Exists(folder), $"{folder} is missing: eng/test.sh packs before testing (dotnet pack Cni.sln -o artifacts/packages).");
        return folder;
    }
}
