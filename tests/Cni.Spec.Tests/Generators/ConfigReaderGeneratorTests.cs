using Cni.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cni.Tests.Generators;

/// <summary>
/// The generator behind [GenerateConfigReader], run on source text as the compiler runs it: what it refuses
/// is a compile error at the class or property concerned, and what it writes compiles. What the readers
/// read is tested through the generated types (Config/GeneratedReaderTests).
/// </summary>
public sealed class ConfigReaderGeneratorTests
{
    [Fact]
    public void A_supported_class_gets_a_reader_that_compiles()
    {
        var (diagnostics, generated) = Run("""
            [Cni.GenerateConfigReader]
            public sealed partial class PluginConfig : Cni.NetworkConfig
            {
                [JsonPropertyName("mtu")] public int Mtu { get; set; }
                [JsonPropertyName("names")] public IReadOnlyList<string?>? Names { get; init; }
                [JsonPropertyName("extra")] public System.Text.Json.JsonElement? Extra { get; set; }
                public int NotAKey { get; set; }
            }
            """);

        Assert.Empty(diagnostics);
        var reader = Assert.Single(generated);
        Assert.Contains("internal static global::PluginConfig Read(global::Cni.ConfigObject keys)", reader, StringComparison.Ordinal);
        Assert.Contains("member.NameEquals(\"mtu\"u8)", reader, StringComparison.Ordinal);
        Assert.DoesNotContain("NotAKey", reader, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_a_type_it_cannot_read_is_error_CNICFG001_naming_the_key()
    {
        var (diagnostics, generated) = Run("""
            [Cni.GenerateConfigReader]
            public sealed partial class PluginConfig
            {
                [JsonPropertyName("endpoint")] public System.Uri? Endpoint { get; set; }
            }
            """);

        var error = Assert.Single(diagnostics);
        Assert.Equal(("CNICFG001", DiagnosticSeverity.Error), (error.Id, error.Severity));
        Assert.Contains("'endpoint'", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(generated);
    }

    [Theory]
    [InlineData("[Cni.GenerateConfigReader] public sealed class PluginConfig { }")]
    [InlineData("[Cni.GenerateConfigReader] public sealed partial class PluginConfig { public PluginConfig(int mtu) { } }")]
    [InlineData("public static partial class Outer { [Cni.GenerateConfigReader] public sealed partial class PluginConfig { } }")]
    public void A_class_that_is_not_partial_nested_or_without_a_parameterless_constructor_is_error_CNICFG002(string source)
    {
        var (diagnostics, generated) = Run(source);

        Assert.Equal("CNICFG002", Assert.Single(diagnostics).Id);
        Assert.Empty(generated);
    }

    // The generator's own diagnostics, and the compiler's errors in what it wrote.
    private static (Diagnostic[] Diagnostics, string[] Generated) Run(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(
            "using System.Collections.Generic;\nusing System.Text.Json.Serialization;\n" + source,
            new CSharpParseOptions(LanguageVersion.Latest));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Append(typeof(NetworkConfig).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Plugin",
            [tree],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new ConfigReaderGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics, TestContext.Current.CancellationToken);
        var errors = output.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree != tree);
        var generated = output.SyntaxTrees.Where(t => t != tree).Select(t => t.ToString()).ToArray();
        return ([.. generatorDiagnostics, .. errors], generated);
    }
}
