using System.Text;
using System.Text.Json;
using Cni.Internal.Runtime;
using Cni.Testing;

namespace Cni.Tests.Config;

public class NetworkConfigListTests
{
    private const string BridgeList = """
        {
          "cniVersion": "1.0.0",
          "name": "k8s-pod-network",
          "plugins": [
            { "type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": true,
              "ipam": { "type": "host-local", "subnet": "10.22.0.0/16", "routes": [{ "dst": "0.0.0.0/0" }] } },
            { "type": "portmap", "capabilities": { "portMappings": true, "bandwidth": false }, "snat": true },
            { "type": "bandwidth", "name": "ignored", "cniVersion": "0.3.1", "capabilities": { "bandwidth": true } }
          ]
        }
        """;

    private static NetworkConfigList Parse(string json) => NetworkConfigList.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_list_reads_its_keys_and_each_plugin_inherits_the_list_name_and_version()
    {
        var list = Parse(BridgeList);

        Assert.Equal("k8s-pod-network", list.Name);
        Assert.Equal(CniVersion.V100, list.CniVersion);
        Assert.Empty(list.CniVersions);
        Assert.False(list.DisableCheck);
        Assert.False(list.DisableGC);
        Assert.Equal(["bridge", "portmap", "bandwidth"], list.Plugins.Select(p => p.Type));
        Assert.All(list.Plugins, p => Assert.Equal(("k8s-pod-network", CniVersion.V100), (p.Network.Name, p.Network.CniVersion)));
        Assert.Equal("host-local", list.Plugins[0].Network.Ipam!.Type);
        Assert.True(list.Plugins[1].Network.HasCapability("portMappings"));
        Assert.Equal(Encoding.UTF8.GetBytes(BridgeList), list.Json.ToArray());
    }

    [Fact]
    public void Each_plugin_keeps_its_own_json_with_its_plugin_keys()
    {
        var plugin = Parse(BridgeList).Plugins[1];

        using var document = JsonDocument.Parse(plugin.Json);
        Assert.True(document.RootElement.GetProperty("snat").GetBoolean());
        var config = NetworkConfig.Parse(plugin.Json.Span, TestConfigJson.Default.BridgeTestConfig);
        Assert.Equal("portmap", config.Type);
    }

    [Theory]
    [InlineData("""["0.3.1","1.0.0"]""", null, "1.0.0")]
    [InlineData("""["1.0.0","0.4.0"]""", null, "1.0.0")]
    [InlineData("""["1.1.0","2.0.0"]""", null, "1.1.0")]
    [InlineData("""["0.4.0"]""", "1.0.0", "1.0.0")]
    [InlineData("""["1.1.0"]""", "0.4.0", "1.1.0")]
    [InlineData("""["3.0.0"]""", "0.4.0", "0.4.0")]
    [InlineData("""["3.0.0"]""", "5.0.0", "5.0.0")]
    [InlineData("""["3.0.0"]""", null, "0.1.0")]
    [InlineData("[]", "0.3.1", "0.3.1")]
    [InlineData("""["0.10.0","0.9.0"]""", null, "0.10.0")]
    public void The_version_is_the_highest_of_cniVersion_and_cniVersions_not_newer_than_ours(string versions, string? version, string expected)
    {
        var versionKey = version is null ? "" : $"\"cniVersion\":\"{version}\",";
        var list = Parse($$"""{{{versionKey}}"cniVersions":{{versions}},"name":"n","plugins":[{"type":"x"}]}""");

        Assert.Equal(CniVersion.Parse(expected), list.CniVersion);
        Assert.Equal(CniVersion.Parse(expected), list.Plugins[0].Network.CniVersion);
        Assert.Equal(JsonSerializer.Deserialize(versions, TestListJson.Default.StringArray)!.Select(CniVersion.Parse), list.CniVersions);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"FALSE\"", false)]
    [InlineData("\"True\"", true)]
    public void DisableCheck_and_disableGC_accept_booleans_and_their_strings(string value, bool expected)
    {
        var list = Parse($$"""{"name":"n","disableCheck":{{value}},"disableGC":{{value}},"plugins":[{"type":"x"}]}""");

        Assert.Equal(expected, list.DisableCheck);
        Assert.Equal(expected, list.DisableGC);
    }

    [Theory]
    [InlineData("""{"name":"n","disableCheck":"Yes","plugins":[{"type":"x"}]}""", CniErrorCode.InvalidNetworkConfig, "error parsing configuration list: invalid value \"yes\" for disableCheck")]
    [InlineData("""{"name":"n","disableGC":"1","plugins":[{"type":"x"}]}""", CniErrorCode.InvalidNetworkConfig, "error parsing configuration list: invalid value \"1\" for disableGC")]
    [InlineData("""{"name":"n","disableCheck":1,"plugins":[{"type":"x"}]}""", CniErrorCode.DecodingFailure, "error parsing configuration list: invalid type Number for disableCheck")]
    [InlineData("""{"plugins":[{"type":"x"}]}""", CniErrorCode.InvalidNetworkConfig, "error parsing configuration list: no name")]
    [InlineData("""{"name":5,"plugins":[{"type":"x"}]}""", CniErrorCode.DecodingFailure, "error parsing configuration list: invalid name type Number")]
    [InlineData("""{"name":"n"}""", CniErrorCode.InvalidNetworkConfig, "error parsing configuration list: no plugins in list")]
    [InlineData("""{"name":"n","plugins":[]}""", CniErrorCode.InvalidNetworkConfig, "error parsing configuration list: no plugins in list")]
    [InlineData("""{"name":"n","plugins":{}}""", CniErrorCode.DecodingFailure, "error parsing configuration list: invalid 'plugins' type Object")]
    [InlineData("""{"name":"n","plugins":[{"type":"x"},{"name":"y"}]}""", CniErrorCode.InvalidNetworkConfig, "failed to parse plugin config 1: error parsing configuration: missing 'type'")]
    [InlineData("""{"name":"n","cniVersion":3,"plugins":[{"type":"x"}]}""", CniErrorCode.DecodingFailure, "error parsing configuration list: invalid cniVersion type Number")]
    [InlineData("""{"name":"n","cniVersion":"x.y","plugins":[{"type":"x"}]}""", CniErrorCode.IncompatibleCniVersion, "error parsing configuration list: invalid cniVersion x.y")]
    [InlineData("""{"name":"n","cniVersions":"1.0.0","plugins":[{"type":"x"}]}""", CniErrorCode.DecodingFailure, "error parsing configuration list: invalid type for cniVersions: String")]
    [InlineData("""{"name":"n","cniVersions":["1.0.0",1],"plugins":[{"type":"x"}]}""", CniErrorCode.DecodingFailure, "error parsing configuration list: invalid type for cniVersions index 1: Number")]
    [InlineData("""{"name":"n","cniVersions":["1.0.0","v2"],"plugins":[{"type":"x"}]}""", CniErrorCode.IncompatibleCniVersion, "error parsing configuration list: invalid cniVersions entry v2 at index 1")]
    [InlineData("[1]", CniErrorCode.DecodingFailure, "error parsing configuration list: expected an object, not Array")]
    public void Invalid_lists_fail_with_libcni_messages(string json, CniErrorCode code, string message)
    {
        var error = Assert.Throws<CniException>(() => Parse(json));

        Assert.Equal((code, message), (error.Code, error.Message));
    }

    [Fact]
    public void Malformed_json_fails_with_code_6()
    {
        var error = Assert.Throws<CniException>(() => Parse("""{"name":"n","""));

        Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
        Assert.StartsWith("error parsing configuration list: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_config_lifts_into_a_list_of_one_with_its_name_and_version()
    {
        const string Single = """{"cniVersion":"0.4.0","name":"single","type":"bridge","bridge":"br0","ipam":{"type":"host-local"}}""";

        var list = NetworkConfigList.FromConfig(Encoding.UTF8.GetBytes(Single));

        Assert.Equal(("single", CniVersion.V040), (list.Name, list.CniVersion));
        var plugin = Assert.Single(list.Plugins);
        Assert.Equal("bridge", plugin.Type);
        Assert.Equal(Single, Encoding.UTF8.GetString(plugin.Json.Span));
        Golden.Match("config/lifted-list.json", Encoding.UTF8.GetString(list.Json.Span));
    }

    [Fact]
    public void Lifting_requires_a_type_as_libcni_does()
    {
        var error = Assert.Throws<CniException>(() => NetworkConfigList.FromConfig("""{"name":"single"}"""u8));

        Assert.Equal("error parsing configuration: missing 'type'", error.Message);
    }

    [Fact]
    public void Plugin_stdin_injects_name_version_prevResult_and_the_enabled_capabilities()
    {
        var list = Parse(BridgeList);
        var capabilityArgs = new Dictionary<string, JsonElement>
        {
            ["portMappings"] = JsonDocument.Parse("""[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]""").RootElement,
            ["bandwidth"] = JsonDocument.Parse("""{"ingressRate":1000}""").RootElement,
        };

        var stdin = PluginStdin.Build(list, list.Plugins[1], """{"cniVersion":"1.0.0","ips":[{"address":"10.22.0.5/16"}]}"""u8, capabilityArgs);

        Golden.Match("config/portmap-stdin.json", Encoding.UTF8.GetString(stdin));
        var config = NetworkConfig.Parse(stdin);
        Assert.Equal(8080, config.RuntimeConfig!.PortMappings[0].HostPort);
        Assert.Null(config.RuntimeConfig.Bandwidth);
    }

    [Fact]
    public void Plugin_stdin_overrides_the_plugins_own_name_and_version_and_keeps_runtimeConfig_without_capability_values()
    {
        var list = Parse(BridgeList);
        var plugin = list.Plugins[2];

        var stdin = PluginStdin.Build(list, plugin, default, capabilityArgs: null);

        Golden.Match("config/bandwidth-stdin.json", Encoding.UTF8.GetString(stdin));
        var config = NetworkConfig.Parse(stdin);
        Assert.Equal(("k8s-pod-network", CniVersion.V100), (config.Name, config.CniVersion));
        Assert.Null(config.PrevResult);
        Assert.Null(config.RuntimeConfig);
    }
}
