using System.Text;
using System.Text.Json;
using CsCheck;

namespace Cni.Samples.Tests.Config;

/// <summary>
/// Holds a sample's generated configuration reader to System.Text.Json's metadata for the same type: for
/// configurations made of valid members and at most one bad one, both give the same configuration, or
/// the same error code naming the same key.
/// </summary>
internal static class ConfigComparison
{
    private const string Prefix = "error parsing configuration: ";

    /// <summary>Standard keys, valid (the last empties <c>type</c>, code 7 for both).</summary>
    public static readonly string[] StandardMembers =
    [
        "\"cniVersion\":\"1.0.0\"", "\"cniVersion\":\"0.4.0\"", "\"name\":\"cnit-net\"", "\"ipMasq\":true", "\"ipMasq\":false",
        "\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.1.0.0/16\"}", "\"ipam\":null", "\"dns\":{\"nameservers\":[\"10.1.0.1\"]}",
        "\"args\":{\"cni\":{\"mac\":\"0a:58:0a:01:00:09\"}}", "\"runtimeConfig\":{\"mac\":\"0a:58:0a:01:00:09\"}",
        "\"prevResult\":{\"cniVersion\":\"1.0.0\",\"ips\":[]}", "\"capabilities\":{\"mac\":true}", "\"unknown\":[1,{\"x\":null}]", "\"type\":\"\"",
    ];

    /// <summary>Standard keys of the wrong type: both fail with code 6 (their messages are compared in Cni.Spec.Tests).</summary>
    public static readonly string[] BadStandardMembers = ["\"ipMasq\":\"yes\"", "\"type\":[]", "\"ipam\":[]", "\"cniVersion\":1", "\"dns\":{\"search\":[1]}"];

    public static void AssertSameOutcomes<TConfig>(
        string[] ownMembers,
        string[] badOwnMembers,
        Func<byte[], TConfig> parseWithMetadata,
        Func<byte[], TConfig> parseWithReader,
        Func<TConfig, string> write)
    {
        string[] good = [.. StandardMembers, .. ownMembers];
        string[] bad = [.. badOwnMembers, .. BadStandardMembers];
        var noBad = Gen.Const(-1);
        Gen.Select(Gen.Int[0, good.Length - 1].Array[0, 12], Gen.OneOf(noBad, Gen.Int[0, bad.Length - 1]), Gen.Int[0, 13]).Sample((picks, badPick, at) =>
        {
            var members = new List<string> { "\"type\":\"bridge\"" };
            members.AddRange(picks.Select(i => good[i]));
            if (badPick >= 0)
            {
                members.Insert(Math.Min(at, members.Count), bad[badPick]);
            }

            var json = Encoding.UTF8.GetBytes("{" + string.Join(',', members) + "}");
            var expected = Outcome(() => write(parseWithMetadata(json)), MetadataPath);
            var actual = Outcome(() => write(parseWithReader(json)), ReaderPath);

            Assert.Equal(expected.Json, actual.Json);
            Assert.Equal(expected.Code, actual.Code);
            if (badPick >= 0 && badPick < badOwnMembers.Length)
            {
                Assert.Equal(expected.Path, actual.Path);
            }
        }, iter: 3000);
    }

    // The configuration written back, or the error's code and the key it names.
    private static (string? Json, CniErrorCode? Code, string? Path) Outcome(Func<string> parse, Func<CniException, string?> path)
    {
        try
        {
            return (parse(), null, null);
        }
        catch (CniException e)
        {
            return (null, e.Code, path(e));
        }
    }

    // System.Text.Json's exception carries the path; the generated reader's message starts with it.
    private static string? MetadataPath(CniException error) => (error.InnerException as JsonException)?.Path;

    private static string? ReaderPath(CniException error)
        => error.Message.StartsWith(Prefix, StringComparison.Ordinal) ? error.Message[Prefix.Length..].Split(' ')[0] : null;
}
