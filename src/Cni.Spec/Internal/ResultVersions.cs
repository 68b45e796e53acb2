using System.Text.Json;

namespace Cni.Internal;

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
}
