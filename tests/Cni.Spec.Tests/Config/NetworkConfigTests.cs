using System.Net;
using System.Text;
using System.Text.Json;
using Cni.Testing;

namespace Cni.Tests.Config;

public class NetworkConfigTests
{
    private const string FullConfig = """
        {
          "cniVersion": "1.0.0",
          "name": "mynet",
          "type": "bridge",
          "bridge": "br-test",
          "isGateway": true,
          "mtu": 1400,
          "ipMasq": true,
          "args": { "cni": { "ips": ["10.1.0.9"] } },
          "ipam": { "type": "host-local", "subnet": "10.1.0.0/16", "dataDir": "/run/ipam", "routes": [{ "dst": "0.0.0.0/0" }] },
          "dns": { "nameservers": ["10.1.0.1"], "domain": "example.com", "search": ["example.com"], "options": ["ndots:2"] },
          "capabilities": { "portMappings": true, "bandwidth": false },
          "runtimeConfig": { "portMappings": [{ "hostPort": 8080, "containerPort": 80, "protocol": "tcp" }] },
          "prevResult": { "cniVersion": "1.0.0", "ips": [{ "address": "10.1.0.5/16" }] },
          "cni.dev/valid-attachments": [{ "containerID": "c1", "ifname": "eth0" }],
          "somethingUnknown": { "deep": [1, 2, { "x": null }] },
          "alsoUnknown": 42
        }
        """;

    [Fact]
    public void A_plugin_config_type_reads_its_own_keys_and_every_standard_key_through_its_own_context()
    {
        var config = NetworkConfig.Parse(Encoding.UTF8.GetBytes(FullConfig), TestConfigJson.Default.BridgeTestConfig);

        Assert.Equal("br-test", config.Bridge);
        Assert.True(config.IsGateway);
        Assert.Equal(1400, config.Mtu);
        Assert.Equal(CniVersion.V100, config.CniVersion);
        Assert.Equal("mynet", config.Name);
        Assert.Equal("bridge", config.Type);
        Assert.True(config.IPMasq);
        Assert.Equal("10.1.0.9", config.Args!.Value.GetProperty("cni").GetProperty("ips")[0].GetString());
        Assert.Equal("host-local", config.Ipam!.Type);
        Assert.Equal("/run/ipam", config.Ipam.Json.GetProperty("dataDir").GetString());
        Assert.Equal(["10.1.0.1"], config.Dns!.Nameservers);
        Assert.Equal("example.com", config.Dns.Domain);
        Assert.Equal(["example.com"], config.Dns.Search);
        Assert.Equal(["ndots:2"], config.Dns.Options);
        Assert.True(config.HasCapability("portMappings"));
        Assert.False(config.HasCapability("bandwidth"));
        Assert.False(config.HasCapability("ips"));
        Assert.Equal(8080, config.RuntimeConfig!.PortMappings[0].HostPort);
        Assert.Equal("10.1.0.5/16", config.PrevResult!.Value.GetProperty("ips")[0].GetProperty("address").GetString());
        var attachment = Assert.Single(config.ValidAttachments!);
        Assert.Equal(("c1", "eth0"), (attachment.ContainerId, attachment.IfName));
    }

    [Fact]
    public void DNS_keys_left_out_of_a_configuration_are_empty_lists()
    {
        var config = NetworkConfig.Parse("""{"type":"bridge","dns":{"nameservers":["10.1.0.1"]}}"""u8, TestConfigJson.Default.BridgeTestConfig);

        Assert.Equal(["10.1.0.1"], config.Dns!.Nameservers);
        Assert.Empty(config.Dns.Search);
        Assert.Empty(config.Dns.Options);
        Assert.False(config.Dns.IsEmpty);
    }

    [Fact]
    public void Plugin_defaults_hold_and_optional_standard_keys_are_null_when_absent()
    {
        var config = NetworkConfig.Parse("""{"type":"bridge"}"""u8, TestConfigJson.Default.BridgeTestConfig);

        Assert.Equal("cni0", config.Bridge);
        Assert.Null(config.Mtu);
        Assert.Equal(CniVersion.V010, config.CniVersion);
        Assert.Equal("", config.Name);
        Assert.False(config.IPMasq);
        Assert.Null(config.Args);
        Assert.Null(config.Ipam);
        Assert.Null(config.Dns);
        Assert.Null(config.PrevResult);
        Assert.Null(config.RuntimeConfig);
        Assert.Null(config.ValidAttachments);
        Assert.Empty(config.Capabilities);
    }

    [Fact]
    public void The_standard_keys_parse_without_a_plugin_type()
    {
        var config = NetworkConfig.Parse(Encoding.UTF8.GetBytes(FullConfig));

        Assert.Equal("bridge", config.Type);
        Assert.Equal("host-local", config.Ipam!.Type);
        Assert.IsType<NetworkConfig>(config);
    }

    [Fact]
    public void An_ipam_plugin_reads_its_own_keys_from_the_ipam_object()
    {
        var config = NetworkConfig.Parse(Encoding.UTF8.GetBytes(FullConfig));

        var ipam = config.Ipam!.Deserialize(TestConfigJson.Default.HostLocalTestIpam);

        Assert.Equal("10.1.0.0/16", ipam.Subnet);
        Assert.Equal("/run/ipam", ipam.DataDir);
    }

    [Fact]
    public void A_parsed_config_writes_back_through_the_plugin_context()
    {
        var config = NetworkConfig.Parse(Encoding.UTF8.GetBytes(FullConfig), TestConfigJson.Default.BridgeTestConfig);

        Golden.Match("config/bridge-written.json", JsonSerializer.Serialize(config, TestConfigJson.Default.BridgeTestConfig));
    }

    [Theory]
    [InlineData("", "error parsing configuration:")]
    [InlineData("{", "error parsing configuration:")]
    [InlineData("[]", "error parsing configuration:")]
    [InlineData("null", "error parsing configuration: expected an object")]
    [InlineData("""{"type":"bridge"} x""", "error parsing configuration: 'x' is invalid after a single JSON value")]
    [InlineData("""{"type":"bridge","mtu":"big"}""", "$.mtu")]
    [InlineData("""{"type":"bridge","ipMasq":"yes"}""", "$.ipMasq")]
    [InlineData("""{"type":"bridge","cniVersion":1}""", "cniVersion must be a string, not a number")]
    [InlineData("""{"type":"bridge","ipam":"host-local"}""", "ipam must be an object")]
    [InlineData("""{"type":"bridge","ipam":{"type":7}}""", "$.ipam.type must be a string, not a number")]
    [InlineData("""{"type":"bridge","capabilities":{"portMappings":"yes"}}""", "$.capabilities")]
    [InlineData("""{"type":"bridge","runtimeConfig":[]}""", "runtimeConfig must be an object")]
    [InlineData("""{"type":"bridge","runtimeConfig":{"portMappings":[{"hostPort":"80"}]}}""", "runtimeConfig.portMappings[0].hostPort must be a number, not a string")]
    [InlineData("""{"type":"bridge","runtimeConfig":{"ips":["10.0.0.300"]}}""", "runtimeConfig.ips[0] is not an IP address: \"10.0.0.300\"")]
    [InlineData("""{"type":"bridge","runtimeConfig":{"ipRanges":[[{"rangeStart":"10.0.0.1"}]]}}""", "runtimeConfig.ipRanges[0][0].subnet is missing")]
    public void Malformed_configs_fail_with_code_6_naming_what_failed(string json, string expected)
    {
        var error = Assert.Throws<CniException>(() => NetworkConfig.Parse(Encoding.UTF8.GetBytes(json), TestConfigJson.Default.BridgeTestConfig));

        Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Only libcni's loader requires <c>type</c> (NetworkConfigListTests); the reference plugins read a config without it.</summary>
    [Theory]
    [InlineData("""{"name":"n"}""")]
    [InlineData("""{"name":"n","type":""}""")]
    public void A_config_without_type_is_read_as_the_reference_plugins_read_it(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Equal(("", "n"), (NetworkConfig.Parse(bytes).Type, NetworkConfig.Parse(bytes).Name));
        Assert.Equal(("", "n"), (NetworkConfig.Parse(bytes, TestConfigJson.Default.BridgeTestConfig).Type, NetworkConfig.Parse(bytes, TestConfigJson.Default.BridgeTestConfig).Name));
    }

    [Fact]
    public void A_malformed_cniVersion_fails_with_code_1()
    {
        var error = Assert.Throws<CniException>(() => NetworkConfig.Parse("""{"type":"x","cniVersion":"one"}"""u8));

        Assert.Equal(CniErrorCode.IncompatibleCniVersion, error.Code);
        Assert.Equal("error parsing configuration: invalid cniVersion \"one\"", error.Message);
    }

    [Fact]
    public void An_empty_cniVersion_reads_as_0_1_0()
    {
        Assert.Equal(CniVersion.V010, NetworkConfig.Parse("""{"type":"x","cniVersion":""}"""u8).CniVersion);
    }

    [Fact]
    public void Every_well_known_runtimeConfig_member_is_typed_and_others_stay_reachable()
    {
        var config = NetworkConfig.Parse("""
            {"type":"x","runtimeConfig":{
              "portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp","hostIP":"192.0.2.1"},{"hostPort":53,"containerPort":53,"protocol":"udp","hostIP":""}],
              "ipRanges":[[{"subnet":"10.1.0.0/24","rangeStart":"10.1.0.10","rangeEnd":"10.1.0.20","gateway":"10.1.0.1"}],[{"subnet":"fd00::/64"}]],
              "bandwidth":{"ingressRate":1000000,"ingressBurst":2000,"egressRate":3000000,"egressBurst":4000},
              "dns":{"servers":["10.1.0.1"],"searches":["svc.local"],"options":["ndots:5"]},
              "ips":["10.1.0.7/24","fd00::7"],
              "mac":"0a:58:0a:01:00:07",
              "aliases":["web","www"],
              "deviceID":"0000:03:00.1",
              "infinibandGUID":"c2:11:22:33:44:55:66:77"
            }}
            """u8);
        var runtime = config.RuntimeConfig!;

        Assert.Collection(
            runtime.PortMappings,
            p => Assert.Equal((8080, 80, "tcp", IPAddress.Parse("192.0.2.1")), (p.HostPort, p.ContainerPort, p.Protocol, p.HostIP)),
            p => Assert.Equal((53, 53, "udp", (IPAddress?)null), (p.HostPort, p.ContainerPort, p.Protocol, p.HostIP)));
        Assert.Equal(2, runtime.IPRanges.Count);
        var range = Assert.Single(runtime.IPRanges[0]);
        Assert.Equal(IPCidr.Parse("10.1.0.0/24"), range.Subnet);
        Assert.Equal(IPAddress.Parse("10.1.0.10"), range.RangeStart);
        Assert.Equal(IPAddress.Parse("10.1.0.20"), range.RangeEnd);
        Assert.Equal(IPAddress.Parse("10.1.0.1"), range.Gateway);
        Assert.Null(Assert.Single(runtime.IPRanges[1]).Gateway);
        Assert.Equal((1000000L, 2000L, 3000000L, 4000L), (runtime.Bandwidth!.IngressRate, runtime.Bandwidth.IngressBurst, runtime.Bandwidth.EgressRate, runtime.Bandwidth.EgressBurst));
        Assert.Equal(["10.1.0.1"], runtime.Dns!.Servers);
        Assert.Equal(["svc.local"], runtime.Dns.Searches);
        Assert.Equal(["ndots:5"], runtime.Dns.Options);
        Assert.Equal([IPAddress.Parse("10.1.0.7"), IPAddress.Parse("fd00::7")], runtime.IPs);
        Assert.Equal("0a:58:0a:01:00:07", runtime.Mac);
        Assert.Equal(["web", "www"], runtime.Aliases);
        Assert.Equal("0000:03:00.1", runtime.DeviceId);
        Assert.True(runtime.TryGetValue("infinibandGUID", out var guid));
        Assert.Equal("c2:11:22:33:44:55:66:77", guid.GetString());
        Assert.False(runtime.TryGetValue("cgroupPath", out _));
    }

    [Fact]
    public void An_empty_runtimeConfig_has_empty_members()
    {
        var runtime = NetworkConfig.Parse("""{"type":"x","runtimeConfig":{}}"""u8).RuntimeConfig!;

        Assert.Empty(runtime.PortMappings);
        Assert.Empty(runtime.IPRanges);
        Assert.Empty(runtime.IPs);
        Assert.Empty(runtime.Aliases);
        Assert.Null(runtime.Bandwidth);
        Assert.Null(runtime.Dns);
        Assert.Null(runtime.Mac);
        Assert.Null(runtime.DeviceId);
    }
}
