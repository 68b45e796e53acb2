using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cni.Generators;

/// <summary>
/// The C# expression that reads one <c>Cni.ConfigValue</c> into a type, or <see langword="null"/> for a type
/// the generator cannot read. The rules for <c>null</c>: a key set to null goes back to its declared default
/// (an error for bool and int, as for System.Text.Json); inside an array, null is an item of a nullable item
/// type, an empty array for an array of arrays (as Go reads it), and an error otherwise.
/// </summary>
internal static class ValueReaders
{
    private const string GeneratedReaderAttribute = "Cni.GenerateConfigReaderAttribute";

    /// <summary>Fully qualified, with <c>?</c> on nullable reference types.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string? ForProperty(ITypeSymbol type, string value, string declaredDefault, IAssemblySymbol assembly, Compilation compilation, INamedTypeSymbol within)
    {
        var reader = new Reader(assembly, compilation, within);
        if (reader.Custom(type, value) is { } custom)
        {
            return custom;
        }

        if (Underlying(type) is { } underlying)
        {
            return reader.Custom(underlying, value) is { } customValue
                ? $"{value}.IsNull ? {declaredDefault} : {customValue}"
                : reader.NonNull(underlying, value, 0) is { } read ? $"{value}.IsNull ? {declaredDefault} : {read}" : null;
        }

        var nonNull = reader.NonNull(type, value, 0);
        if (nonNull is null)
        {
            return null;
        }

        return type.IsValueType ? nonNull : $"{value}.IsNull ? {declaredDefault} : {nonNull}";
    }

    public static bool HasGeneratedReader(ITypeSymbol type)
        => type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == GeneratedReaderAttribute);

    private static ITypeSymbol? Underlying(ITypeSymbol type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : null;

    private sealed class Reader(IAssemblySymbol assembly, Compilation compilation, INamedTypeSymbol within)
    {
        // A type that reads itself: static T ReadConfigValue(Cni.ConfigValue).
        public string? Custom(ITypeSymbol type, string value)
        {
            var method = type.GetMembers("ReadConfigValue").OfType<IMethodSymbol>().FirstOrDefault(m =>
                m.IsStatic
                && m.Parameters.Length == 1
                && m.Parameters[0].Type.ToDisplayString() == "Cni.ConfigValue"
                && compilation.IsSymbolAccessibleWithin(m, within));
            return method is null ? null : $"{type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat)}.ReadConfigValue({value})";
        }

        public string? NonNull(ITypeSymbol type, string value, int depth)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_String: return $"{value}.GetString()";
                case SpecialType.System_Boolean: return $"{value}.GetBoolean()";
                case SpecialType.System_Int32: return $"{value}.GetInt32()";
                case SpecialType.System_Int64: return $"{value}.GetInt64()";
            }

            var name = type.OriginalDefinition.ToDisplayString();
            if (name == "System.Text.Json.JsonElement")
            {
                return $"{value}.Json";
            }

            if (type is INamedTypeSymbol named && HasGeneratedReader(named) && IsReadable(named))
            {
                return $"{named.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat)}.Read({value}.GetObject())";
            }

            if (type is INamedTypeSymbol { TypeArguments.Length: 2 } map
                && name is "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" or "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.Dictionary<TKey, TValue>"
                && map.TypeArguments[0].SpecialType == SpecialType.System_String
                && map.TypeArguments[1].SpecialType == SpecialType.System_Boolean)
            {
                return $"{value}.GetBooleans()";
            }

            var item = ItemType(type);
            if (item is null)
            {
                return null;
            }

            var parameter = "item" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var readItem = Item(item, parameter, depth + 1);
            return readItem is null ? null : $"{value}.GetItems<{item.ToDisplayString(TypeFormat)}>({parameter} => {readItem})";
        }

        private string? Item(ITypeSymbol type, string value, int depth)
        {
            if (Custom(type, value) is { } custom)
            {
                return custom;
            }

            if (Underlying(type) is { } underlying)
            {
                var read = Custom(underlying, value) ?? NonNull(underlying, value, depth);
                return read is null ? null : $"{value}.IsNull ? null : {read}";
            }

            var nonNull = NonNull(type, value, depth);
            if (nonNull is null)
            {
                return null;
            }

            if (type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                return $"{value}.IsNull ? null : {nonNull}";
            }

            return ItemType(type) is { } inner
                ? $"{value}.IsNull ? global::System.Array.Empty<{inner.ToDisplayString(TypeFormat)}>() : {nonNull}"
                : nonNull;
        }

        // Arrays, and the list interfaces an array implements.
        private static ITypeSymbol? ItemType(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                return array.ElementType;
            }

            return type is INamedTypeSymbol { TypeArguments.Length: 1 } list
                && list.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IList<T>"
                    or "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IReadOnlyCollection<T>" or "System.Collections.Generic.ICollection<T>"
                ? list.TypeArguments[0]
                : null;
        }

        // Same assembly: its reader is being generated now. Elsewhere: its reader must be visible here.
        private bool IsReadable(INamedTypeSymbol type)
            => SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, assembly)
                || type.GetMembers("Read").Any(m => m.IsStatic && compilation.IsSymbolAccessibleWithin(m, within));
    }
}
