using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CsCheck;

namespace Cni.Tests.Config;

/// <summary>
/// Holds a plugin's configuration reader (by hand or generated) to System.Text.Json's generated metadata for
/// the same type: random configurations of standard and own members, valid and not, give the same
/// configuration written back, or fail with the same code.
/// </summary>
internal static class MetadataComparison
{
    public static void AssertReadsLikeMetadata<T>(IReadOnlyList<string> ownMembers, JsonTypeInfo<T> metadata, Func<JsonElement, T> read)
        where T : NetworkConfig
    {
        string[] members = [.. NetworkConfigReaderTests.StandardMembers, .. ownMembers];
        Gen.Int[0, members.Length - 1].Array[0, 10].Sample(picks =>
        {
            var json = Encoding.UTF8.GetBytes("{" + string.Join(',', picks.Select(i => members[i])) + "}");
            var expected = Outcome(() => NetworkConfig.Parse(json, metadata), metadata);
            var actual = Outcome(() => NetworkConfig.Parse(json, read), metadata);

            Assert.Equal(expected, actual);
        }, iter: 3000);
    }

    // The configuration written back through the generated metadata, or the error's code.
    private static (string? Json, CniErrorCode? Code) Outcome<T>(Func<T> parse, JsonTypeInfo<T> metadata)
    {
        try
        {
            return (JsonSerializer.Serialize(parse(), metadata), null);
        }
        catch (CniException e)
        {
            return (null, e.Code);
        }
    }
}
