using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cni.Testing;

namespace Cni.Packaging.Tests;

/// <summary>
/// What <c>dotnet pack Cni.sln -c Release -o artifacts/packages</c> (eng/test.sh) made: exactly the
/// expected packages, each with the metadata a package that is cared for has (docs/contributing.md, "Packages").
/// </summary>
public partial class PackageTests
{
    private const string RepositoryUrl = "https://github.com/cni-dotnet/cni";

    /// <summary>Every package <c>dotnet pack Cni.sln</c> makes, one line each: a new packable project adds its line.</summary>
    private static readonly string[] s_expectedPackages =
    [
        "Cni.Cluster",
        "Cni.Ipam",
        "Cni.Ipam.Etcd",
        "Cni.Netlink",
        "Cni.OpenTelemetry",
        "Cni.Plugins",
        "Cni.Spec",
        "Cni.Templates",
        "Cni.Tool",
    ];

    /// <summary>
    /// Microsoft.Extensions packages that are not abstractions, each with the reason a package needs the
    /// implementation: a consumer gets them whether it wants them or not. One line each.
    /// </summary>
    private static readonly Dictionary<(string Package, string Dependency), string> s_implementationDependencies = new()
    {
        [("Cni.Spec", "Microsoft.Extensions.DependencyInjection")] = "the plugin host builds the container that request.Services resolves from",
        [("Cni.Spec", "Microsoft.Extensions.Logging")] = "plugins get AddLogging (LoggerFactory) with the plugin host; the host's own logging needs only the abstractions (Logger<T>, its light factory)",
    };

    public static TheoryData<string> Packages => [.. s_expectedPackages];

    [Fact]
    public void Exactly_the_expected_packages_are_packed()
    {
        var ids = Directory.EnumerateFiles(RequirePackagesFolder(), "*.nupkg").Select(p =>
        {
            using var package = new PackedPackage(p);
            return package.Id;
        });
        Assert.Equal(s_expectedPackages.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_has_a_description_and_tags_of_its_own(string id)
    {
        using var package = Open(id);
        Assert.Equal(id, package.Id);
        Assert.True((package.Metadata("description") ?? "").Length >= 40, $"{id}: a description of a sentence or more");
        Assert.Equal("Apache-2.0", package.Metadata("license"));
        Assert.Equal("expression", package.Metadata("license", "type"));
        Assert.Contains("cni", package.Tags);

        // Tags every package shares say it is about CNI; each needs some that say what it is.
        var shared = s_expectedPackages.Select(p =>
        {
            using var other = Open(p);
            return other.Tags.ToHashSet(StringComparer.Ordinal);
        }).Aggregate((a, b) => [.. a.Intersect(b, StringComparer.Ordinal)]);
        Assert.NotEmpty(package.Tags.Except(shared));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_carries_the_icon_it_names(string id)
    {
        using var package = Open(id);
        Assert.Equal("icon.png", package.Metadata("icon"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "eng", "packaging", "icon.png")), package.ReadBytes("icon.png"));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_readme_has_a_code_sample_and_only_absolute_links(string id)
    {
        using var package = Open(id);
        Assert.Equal("README.md", package.Metadata("readme"));
        var readme = package.ReadText("README.md");

        Assert.StartsWith($"# {id}", readme, StringComparison.Ordinal);
        Assert.Matches(CodeSample(), readme);
        // nuget.org shows the readme away from the repository, where a relative link leads nowhere.
        var links = MarkdownLink().Matches(readme).Select(m => m.Groups["target"].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith("https://", link, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_names_its_repository_and_commit(string id)
    {
        using var package = Open(id);
        Assert.Equal("git", package.Metadata("repository", "type"));
        Assert.Equal(RepositoryUrl, package.Metadata("repository", "url"));
        Assert.Equal(RepositoryUrl, package.Metadata("projectUrl"));

        // Packed from a git clone (eng/test.sh always is), the commit is known; from a tarball it is absent.
        if (Path.Exists(Path.Combine(RepositoryPaths.Root, ".git")))
        {
            Assert.Matches("^[0-9a-f]{40}$", package.Metadata("repository", "commit") ?? "");
        }
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_pdb_links_its_sources_to_the_repository_at_the_packed_commit(string id)
    {
        using var package = Open(id);
        var commit = package.Metadata("repository", "commit");
        Assert.SkipWhen(commit is null && !Path.Exists(Path.Combine(RepositoryPaths.Root, ".git")), "packed outside a git clone: no commit to link to (docs/contributing.md, \"Packages\")");
        Assert.NotNull(commit);

        var pdbs = package.SourceLinks().ToList();
        if (pdbs.Count == 0)
        {
            Assert.True(package.PackageTypes.Contains("Template"), $"{id} ships no PDB, which only a template package may");
            return;
        }

        Assert.All(pdbs, pdb =>
        {
            Assert.False(pdb.SourceLink.Length == 0, $"{pdb.Pdb} has no SourceLink");
            using var json = JsonDocument.Parse(pdb.SourceLink);
            var targets = json.RootElement.GetProperty("documents").EnumerateObject().Select(d => d.Value.GetString());
            Assert.All(targets, target => Assert.Equal($"https://raw.githubusercontent.com/cni-dotnet/cni/{commit}/*", target));
        });
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Microsoft_Extensions_dependencies_are_abstractions_unless_the_implementation_is_needed(string id)
    {
        using var package = Open(id);
        var implementations = package.Dependencies
            .Where(d => d.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) && !d.EndsWith(".Abstractions", StringComparison.Ordinal));
        Assert.All(implementations, dependency => Assert.True(
            s_implementationDependencies.ContainsKey((id, dependency)),
            $"{id} depends on {dependency}: depend on its .Abstractions package, or add it to s_implementationDependencies with the reason"));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_library_ships_its_xml_docs_and_the_others_are_tools_or_templates(string id)
    {
        using var package = Open(id);
        var assemblies = package.Files.Where(f => f.StartsWith("lib/", StringComparison.Ordinal) && f.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        if (assemblies.Count == 0)
        {
            Assert.True(package.PackageTypes.Any(t => t is "DotnetTool" or "Template"), $"{id} has no library, so it must be a tool or a template package");
            return;
        }

        Assert.Contains($"lib/net10.0/{id}.dll", assemblies);
        Assert.All(assemblies, dll => Assert.Contains(Path.ChangeExtension(dll, ".xml"), package.Files));
    }

    // [GenerateConfigReader] works in a plugin built on the package only if the generator comes with it.
    [Fact]
    public void Cni_Spec_carries_its_configuration_reader_generator_as_an_analyzer()
    {
        using var package = Open("Cni.Spec");
        Assert.Contains("analyzers/dotnet/cs/Cni.Spec.Generators.dll", package.Files);
    }

    // A plugin that references only Cni.Plugins (the template does) or Cni.Ipam still needs that generator:
    // NuGet leaves a dependency's analyzers out unless the project reference says otherwise.
    [Theory]
    [InlineData("Cni.Ipam")]
    [InlineData("Cni.Plugins")]
    public void A_package_depending_on_Cni_Spec_passes_its_analyzers_on(string id)
    {
        using var package = Open(id);
        Assert.DoesNotContain("Analyzers", package.DependencyExclude("Cni.Spec"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_tool_package_installs_the_cni_command()
    {
        using var package = Open("Cni.Tool");
        Assert.True(package.IsTool, "packageType DotnetTool");
        var settings = XDocument.Parse(package.ReadText("tools/net10.0/any/DotnetToolSettings.xml"));
        var command = settings.Descendants("Command").Single();
        Assert.Equal("cni", command.Attribute("Name")?.Value);
        Assert.Equal("cni.dll", command.Attribute("EntryPoint")?.Value);
        Assert.Contains("tools/net10.0/any/cni.dll", package.Files);
        Assert.Empty(package.Dependencies);
    }

    private static PackedPackage Open(string id)
    {
        var candidates = Directory.GetFiles(RequirePackagesFolder(), $"{id}.*.nupkg")
            .Where(p => char.IsDigit(Path.GetFileName(p)[(id.Length + 1)..][0]));
        return new PackedPackage(Assert.Single(candidates));
    }

    private static string RequirePackagesFolder()
    {
        var folder = RepositoryPaths.Packages;
        Assert.True(Directory.Exists(folder), $"{folder} is missing: eng/test.sh packs before testing (dotnet pack Cni.sln -c Release -o artifacts/packages).");
        return folder;
    }

    [GeneratedRegex(@"^```(csharp|sh)\n", RegexOptions.Multiline)]
    private static partial Regex CodeSample();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
