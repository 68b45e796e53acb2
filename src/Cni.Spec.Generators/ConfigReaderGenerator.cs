using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cni.Generators;

/// <summary>
/// Writes a reader for every class marked <c>[Cni.GenerateConfigReader]</c>, from the properties it declares
/// with <c>[JsonPropertyName]</c>: the key's one declaration serves System.Text.Json and the fast reader alike.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ConfigReaderGenerator : IIncrementalGenerator
{
    private const string AttributeName = "Cni.GenerateConfigReaderAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var readers = context.SyntaxProvider.ForAttributeWithMetadataName(
            AttributeName,
            static (node, _) => node is ClassDeclarationSyntax,
            static (target, cancellationToken) => ConfigReaderSource.For(
                (INamedTypeSymbol)target.TargetSymbol, target.Attributes[0], target.SemanticModel.Compilation, cancellationToken));
        context.RegisterSourceOutput(readers, static (output, reader) => reader.AddTo(output));
    }
}
