using System.Text.Json;
using Cni.Testing;

namespace Cni.Tests.PluginHost;

/// <summary>
/// Every check the host makes before a handler runs, each run against our plugin and against the
/// reference (Debian's /usr/lib/cni/bridge, libcni 1.1.2 skel) with the same environment and stdin:
/// same code, message and details, exit status 1. Every input fails validation, so bridge never gets
/// as far as touching the kernel.
/// </summary>
public sealed class ValidationMatrixTests
{
    private static readonly Dictionary<string, ValidationCase> Cases = new()
    {
        ["ADD with only CNI_COMMAND"] = new(Env(("CNI_COMMAND", "ADD")), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "required env variables [CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME,CNI_PATH] missing"),
        ["CHECK with only CNI_COMMAND"] = new(Env(("CNI_COMMAND", "CHECK")), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "required env variables [CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME,CNI_PATH] missing"),
        ["DEL with only CNI_COMMAND"] = new(Env(("CNI_COMMAND", "DEL")), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "required env variables [CNI_CONTAINERID,CNI_IFNAME,CNI_PATH] missing"),
        ["ADD without CNI_PATH"] = new(Without("CNI_PATH"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "required env variables [CNI_PATH] missing"),
        ["ADD without CNI_NETNS"] = new(Without("CNI_NETNS"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "required env variables [CNI_NETNS] missing"),
        ["ADD with empty CNI_IFNAME"] = new(With("CNI_IFNAME", ""), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "required env variables [CNI_IFNAME] missing"),
        ["environment is checked before stdin"] = new(Env(("CNI_COMMAND", "DEL"), ("CNI_CONTAINERID", "c")), "zz", CniErrorCode.InvalidEnvironmentVariables, "required env variables [CNI_IFNAME,CNI_PATH] missing"),
        ["empty stdin"] = new(TestPlugins.AddEnvironment(), "", CniErrorCode.DecodingFailure, "error unmarshall network config: unexpected end of JSON input"),
        ["truncated stdin"] = new(TestPlugins.AddEnvironment(), """{"name":"n" """, CniErrorCode.DecodingFailure, "error unmarshall network config: unexpected end of JSON input"),
        ["malformed stdin"] = new(TestPlugins.AddEnvironment(), "{bad", CniErrorCode.DecodingFailure, "error unmarshall network config: ", MessageIsPrefix: true),
        ["stdin is an array"] = new(TestPlugins.AddEnvironment(), "[]", CniErrorCode.DecodingFailure, "error unmarshall network config: json: cannot unmarshal array into Go value of type struct { Name string \"json:\\\"name\\\"\" }"),
        ["name is a number"] = new(TestPlugins.AddEnvironment(), """{"name":5}""", CniErrorCode.DecodingFailure, "error unmarshall network config: json: cannot unmarshal number into Go struct field .name of type string"),
        ["stdin is null"] = new(TestPlugins.AddEnvironment(), "null", CniErrorCode.InvalidNetworkConfig, "missing network name"),
        ["no name"] = new(TestPlugins.AddEnvironment(), """{"cniVersion":"1.0.0"}""", CniErrorCode.InvalidNetworkConfig, "missing network name"),
        ["empty name"] = new(TestPlugins.AddEnvironment(), """{"name":""}""", CniErrorCode.InvalidNetworkConfig, "missing network name"),
        ["name starts with a dash"] = new(TestPlugins.AddEnvironment(), """{"name":"-abc"}""", CniErrorCode.InvalidNetworkConfig, "invalid characters found in network name", "-abc"),
        ["name with a space"] = new(TestPlugins.AddEnvironment(), """{"name":"a b"}""", CniErrorCode.InvalidNetworkConfig, "invalid characters found in network name", "a b"),
        ["name with non-ASCII"] = new(TestPlugins.AddEnvironment(), """{"name":"aé<"}""", CniErrorCode.InvalidNetworkConfig, "invalid characters found in network name", "aé<"),
        ["bad name beats bad container ID"] = new(With("CNI_CONTAINERID", "-x"), """{"name":"-n"}""", CniErrorCode.InvalidNetworkConfig, "invalid characters found in network name", "-n"),
        ["container ID starts with a dot"] = new(With("CNI_CONTAINERID", ".abc"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "invalid characters in containerID", ".abc"),
        ["bad container ID beats bad interface"] = new(With(("CNI_CONTAINERID", "a/b"), ("CNI_IFNAME", "x/y")), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "invalid characters in containerID", "a/b"),
        ["interface name of 16 bytes"] = new(With("CNI_IFNAME", "eth0123456789012"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "interface name is too long", "interface name should be less than 16 characters"),
        ["interface name of 8 two-byte characters"] = new(With("CNI_IFNAME", "éééééééé"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "interface name is too long", "interface name should be less than 16 characters"),
        ["interface name ."] = new(With("CNI_IFNAME", "."), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "interface name is . or .."),
        ["interface name .."] = new(With("CNI_IFNAME", ".."), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "interface name is . or .."),
        ["interface name with a slash"] = new(With("CNI_IFNAME", "a/b"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "interface name contains / or : or whitespace characters"),
        ["interface name with a colon"] = new(With("CNI_IFNAME", "eth0:1"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "interface name contains / or : or whitespace characters"),
        ["interface name with a tab"] = new(With("CNI_IFNAME", "eth\t0"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "interface name contains / or : or whitespace characters"),
        ["interface name with a no-break space"] = new(With("CNI_IFNAME", "eth\u00a00"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "interface name contains / or : or whitespace characters"),
        ["unknown version"] = new(TestPlugins.AddEnvironment(), TestPlugins.Config("9.9.9"), CniErrorCode.IncompatibleCniVersion, "incompatible CNI versions", "config is \"9.9.9\", plugin supports [\"0.1.0\" \"0.2.0\" \"0.3.0\" \"0.3.1\" \"0.4.0\" \"1.0.0\"]"),
        ["version 1.0 is not 1.0.0"] = new(TestPlugins.AddEnvironment("DEL"), TestPlugins.Config("1.0"), CniErrorCode.IncompatibleCniVersion, "incompatible CNI versions", "config is \"1.0\", plugin supports [\"0.1.0\" \"0.2.0\" \"0.3.0\" \"0.3.1\" \"0.4.0\" \"1.0.0\"]"),
        ["version is a number"] = new(TestPlugins.AddEnvironment(), """{"cniVersion":1,"name":"n"}""", CniErrorCode.DecodingFailure, "decoding version from network config: json: cannot unmarshal number into Go struct field .cniVersion of type string"),
        ["CHECK at 0.3.1"] = new(TestPlugins.AddEnvironment("CHECK"), TestPlugins.Config("0.3.1"), CniErrorCode.IncompatibleCniVersion, "config version does not allow CHECK"),
        ["CHECK without a version"] = new(TestPlugins.AddEnvironment("CHECK"), """{"name":"n"}""", CniErrorCode.IncompatibleCniVersion, "config version does not allow CHECK"),
        ["CHECK above the plugin's versions"] = new(TestPlugins.AddEnvironment("CHECK"), TestPlugins.Config("1.1.0"), CniErrorCode.IncompatibleCniVersion, "plugin version does not allow CHECK"),
        ["CHECK with an unparsable version"] = new(TestPlugins.AddEnvironment("CHECK"), TestPlugins.Config("x"), CniErrorCode.DecodingFailure, "failed to convert major version part \"x\": strconv.Atoi: parsing \"x\": invalid syntax"),
        ["CHECK with a bad minor part"] = new(TestPlugins.AddEnvironment("CHECK"), TestPlugins.Config("1.y"), CniErrorCode.DecodingFailure, "failed to convert minor version part \"y\": strconv.Atoi: parsing \"y\": invalid syntax"),
        ["CHECK with four parts"] = new(TestPlugins.AddEnvironment("CHECK"), TestPlugins.Config("1.2.3.4"), CniErrorCode.DecodingFailure, "invalid version \"1.2.3.4\": too many parts"),
        ["unknown command"] = new(TestPlugins.AddEnvironment("FOO"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "unknown CNI_COMMAND: FOO"),
        ["commands are case-sensitive"] = new(TestPlugins.AddEnvironment("add"), TestPlugins.Config(), CniErrorCode.InvalidEnvironmentVariables, "unknown CNI_COMMAND: add"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Host_refuses_before_any_handler_runs(string name)
    {
        var c = Cases[name];
        var handlerRan = false;
        var plugin = TestPlugins.Recording(_ => handlerRan = true, TestPlugins.ReferenceVersions);

        var output = await plugin.InvokeAsync(c.Environment, c.Stdin, TestContext.Current.CancellationToken);

        Assert.False(handlerRan);
        AssertError(c, output);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Reference_gives_the_same_error(string name)
    {
        var c = Cases[name];
        var bridge = Requires.Executable(TestPlugins.Bridge);

        var output = await ProcessRunner.RunAsync(bridge, c.Environment, c.Stdin);
        var ours = await TestPlugins.Recording(versions: TestPlugins.ReferenceVersions).InvokeAsync(c.Environment, c.Stdin, TestContext.Current.CancellationToken);

        AssertError(c, output);

        // Byte for byte the same document, once the cniVersion member the spec asks for (and the
        // reference leaves out) is taken away; Go's JSON syntax error texts are not reproduced.
        if (!c.MessageIsPrefix)
        {
            Assert.Equal(output.Stdout, WithoutCniVersion(ours.Stdout));
        }

        Assert.Equal(output.Stderr, ours.Stderr);
    }

    private static string WithoutCniVersion(string error)
    {
        var start = error.IndexOf("\n    \"cniVersion\": ", StringComparison.Ordinal);
        var end = error.IndexOf('\n', start + 1);
        return error.Remove(start, end - start);
    }

    private static void AssertError(ValidationCase c, CniPluginOutput output)
    {
        Assert.Equal(1, output.ExitCode);
        using var error = JsonDocument.Parse(output.Stdout);
        var root = error.RootElement;
        Assert.Equal((uint)c.Code, root.GetProperty("code").GetUInt32());
        var message = root.GetProperty("msg").GetString()!;
        if (c.MessageIsPrefix)
        {
            Assert.StartsWith(c.Message, message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(c.Message, message);
        }

        Assert.Equal(c.Details, root.TryGetProperty("details", out var details) ? details.GetString() : null);
        Assert.DoesNotContain('\n', output.Stdout[^1..]);
    }

    private static Dictionary<string, string> Env(params (string Name, string Value)[] variables)
        => variables.ToDictionary(v => v.Name, v => v.Value);

    private static Dictionary<string, string> Without(string name)
    {
        var environment = TestPlugins.AddEnvironment();
        environment.Remove(name);
        return environment;
    }

    private static Dictionary<string, string> With(string name, string value) => With((name, value));

    private static Dictionary<string, string> With(params (string Name, string Value)[] changes)
    {
        var environment = TestPlugins.AddEnvironment();
        foreach (var (name, value) in changes)
        {
            environment[name] = value;
        }

        return environment;
    }
}
