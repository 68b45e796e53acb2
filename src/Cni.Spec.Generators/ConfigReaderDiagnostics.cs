using Microsoft.CodeAnalysis;

namespace Cni.Generators;

/// <summary>What the generator refuses, as compile errors at the class or property concerned.</summary>
internal static class ConfigReaderDiagnostics
{
    private const string Category = "Cni.Config";

    public static readonly DiagnosticDescriptor UnsupportedType = new(
        "CNICFG001",
        "The configuration reader cannot read this property's type",
        "The generated configuration reader cannot read key '{0}' of type '{1}': use string, bool, int, long (or nullable), JsonElement, a dictionary of bool, a [GenerateConfigReader] class, an array or list of these, or a type with a static ReadConfigValue(ConfigValue) method",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedClass = new(
        "CNICFG002",
        "The class cannot have a generated configuration reader",
        "'{0}' cannot have a generated configuration reader: it must be a partial class, not nested in another type, with a parameterless constructor",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
