using System.Text;
using System.Text.Json;
using CsCheck;

namespace Cni.Samples.Tests.Config;

/// <summary>
/// Holds a sample's hand-written configuration reader to the System.Text.Json metadata it replaced: for
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

    public static void AssertSameOutcomes<TGenerated, TConfig>(
        string[] ownMembers,
        string[] badOwnMembers,
        Func<byte[], TGenerated> parseGenerated,
        Func<byte[], TConfig> parseByHand,
        Func<TConfig, TGenerated> asGenerated,
        Func<TGenerated, string> write)
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
            var expected = Outcome(() => write(parseGenerated(json)), GeneratedPath);
            var actual = Outcome(() => write(asGenerated(parseByHand(json))), HandPath);

            Assert.Equal(expected.Json, actual.Json);
            Assert.Equal(expected.Code, actual.Code);
            if (badPick >= 0 && badPick < badOwnMembers.Length)
            {
                Assert.Equal(expected.Path, actual.Path);
            }
        }, iter: 3000);
    }

    public static void CopyStandardKeys(NetworkConfig from, NetworkConfig to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        to.CniVersion = from.CniVersion;
        to.Name = from.Name;
        to.Type = from.Type;
        to.Args = from.Args;
        to.IPMasq = from.IPMasq;
        to.Ipam = from.Ipam;
        to.Dns = from.Dns;
        to.PrevResult = from.PrevResult;
        to.RuntimeConfig = from.RuntimeConfig;
        to.Capabilities = from.Capabilities;
        to.ValidAttachments = from.ValidAttachments;
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

    // System.Text.Json's exception carries the path; the hand reader's message starts with it.
    private static string? GeneratedPath(CniException error) => (error.InnerException as JsonException)?.Path;

    private static string? HandPath(CniException error)
        => error.Message.StartsWith(Prefix, StringComparison.Ordinal) ? error.Message[Prefix.Length..].Split(' ')[0] : null;
}
