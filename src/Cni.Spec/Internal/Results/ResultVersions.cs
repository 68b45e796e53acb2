using System.Text.Json;

namespace Cni.Internal.Results;

/// <summary>Maps result versions to their JSON shape, accepting exactly the version strings libcni accepts.</summary>
internal static class ResultVersions
{
    private static readonly byte[][] s_names = [.. CniVersion.All.Select(v => System.Text.Encoding.UTF8.GetBytes(v.ToString()))];

    /// <summary>The shape of a version's results; code 1 for a version no result type implements.</summary>
    public static ResultShape ShapeOf(CniVersion version)
    {
        // Not CniVersion.IsKnown: its LINQ Contains allocates on a path that runs for every result.
        var known = false;
        for (var i = 0; i < CniVersion.All.Count && !known; i++)
        {
            known = CniVersion.All[i] == version;
        }

        if (!known)
        {
            ThrowHelper.ThrowUnsupportedResultVersion(version.ToString());
        }

        return version == CniVersion.V110 ? ResultShape.V110
            : version == CniVersion.V100 ? ResultShape.V100
            : version.Minor >= 3 ? ResultShape.V04
            : ResultShape.Legacy;
    }

    /// <summary>
    /// The version named by the string token at the reader. libcni compares the text exactly (so
    /// "1.0" is not 1.0.0) and reads an empty <c>cniVersion</c> as 0.1.0.
    /// </summary>
    public static CniVersion FromToken(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals(""u8))
        {
            return CniVersion.V010;
        }

        for (var i = 0; i < s_names.Length; i++)
        {
            if (reader.ValueTextEquals(s_names[i]))
            {
                return CniVersion.All[i];
            }
        }

        ThrowHelper.ThrowUnsupportedResultVersion(reader.GetString() ?? "");
        return default;
    }

    /// <summary>
    /// Rejects a <c>prevResult</c> whose own <c>cniVersion</c> belongs to another result type than the
    /// configuration's, as the Go plugins do: each Go result type reads only its own versions (0.1.0 and
    /// 0.2.0; 0.3.0 to 0.4.0; 1.0.0 and 1.1.0). A missing or empty <c>cniVersion</c> means the configuration's.
    /// </summary>
    /// <param name="prevResult">The <c>prevResult</c> value.</param>
    /// <param name="configVersion">The configuration's version.</param>
    /// <exception cref="CniException">Code 1 naming the versions the configuration's result type reads.</exception>
    public static void ThrowIfPrevResultFamilyDiffers(JsonElement prevResult, CniVersion configVersion)
    {
        var label = TopLevelCniVersion(prevResult);
        if (string.IsNullOrEmpty(label))
        {
            return;
        }

        var family = FamilyOf(ShapeOf(configVersion));
        if (!family.Contains(label, StringComparer.Ordinal))
        {
            throw new CniException(
                CniErrorCode.IncompatibleCniVersion,
                $"could not parse prevResult: result type supports [{string.Join(' ', family)}] but unmarshalled CNIVersion is \"{label}\"");
        }
    }

    private static string[] FamilyOf(ResultShape shape) => shape switch
    {
        // Go's 0.2.0 result type lists "" first, so its message reads "[ 0.1.0 0.2.0]".
        ResultShape.Legacy => ["", "0.1.0", "0.2.0"],
        ResultShape.V04 => ["0.3.0", "0.3.1", "0.4.0"],
        _ => ["1.0.0", "1.1.0"],
    };

    // The first cniVersion member counts, as libcni's look at the raw result reads it.
    private static string? TopLevelCniVersion(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var member in result.EnumerateObject())
        {
            if (member.NameEquals("cniVersion"u8))
            {
                return member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
            }
        }

        return null;
    }
}
