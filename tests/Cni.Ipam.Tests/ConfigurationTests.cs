namespace Cni.Ipam.Tests;

/// <summary>Validation and defaults, against messages observed from /usr/lib/cni/host-local 1.1.1 (all code 999).</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("""{"subnet":"10.0.0.0/31"}""", "invalid range set 0: Network 10.0.0.0/31 too small to allocate from")]
    [InlineData("""{"subnet":"10.0.0.0/32"}""", "invalid range set 0: Network 10.0.0.0/32 too small to allocate from")]
    [InlineData("""{"subnet":"fd00::/127"}""", "invalid range set 0: Network fd00::/127 too small to allocate from")]
    [InlineData("""{"subnet":"fd00::/128"}""", "invalid range set 0: Network fd00::/128 too small to allocate from")]
    [InlineData("""{"subnet":"10.0.0.5/24"}""", "invalid range set 0: Network has host bits set. For a subnet mask of length 24 the network address is 10.0.0.0")]
    [InlineData("""{"subnet":"10.0.0.0/24","rangeStart":"10.0.1.1"}""", "invalid range set 0: RangeStart 10.0.1.1 not in network 10.0.0.0/24")]
    [InlineData("""{"subnet":"10.0.0.0/24","rangeStart":"10.0.0.50","rangeEnd":"10.0.0.20"}""", "invalid range set 0: RangeStart 10.0.0.50 not in network 10.0.0.0/24")]
    [InlineData("""{"subnet":"10.0.0.0/24","rangeEnd":"fd00::1"}""", "invalid range set 0: RangeEnd fd00::1 not in network 10.0.0.0/24")]
    [InlineData("""{"ranges":[[{"subnet":"10.0.0.0/24"}],[{"subnet":"10.0.0.0/25"}]]}""", "range set 0 overlaps with 1")]
    [InlineData("""{"ranges":[[{"subnet":"10.0.0.0/24"},{"subnet":"10.0.0.0/25"}]]}""", "invalid range set 0: subnets 10.0.0.1-10.0.0.254 and 10.0.0.1-10.0.0.126 overlap")]
    [InlineData("""{"ranges":[[{"subnet":"10.0.0.0/24"},{"subnet":"fd00::/64"}]]}""", "invalid range set 0: mixed address families")]
    [InlineData("""{"ranges":[[]]}""", "invalid range set 0: empty range set")]
    [InlineData("""{"ranges":[]}""", "no IP ranges specified")]
    [InlineData("""{}""", "no IP ranges specified")]
    [InlineData("""{"subnet":"foo"}""", "invalid CIDR address: foo")]
    [InlineData("""{"subnet":""}""", "invalid CIDR address: ")]
    [InlineData("""{"ranges":[[{"rangeStart":"10.0.0.2"}]]}""", "invalid range set 0: IP <nil> not v4 nor v6")]
    [InlineData("""{"subnet":"10.0.0.0/24","rangeStart":"foo"}""", "invalid IP address: foo")]
    [InlineData("""{"subnet":"10.0.0.0/24","routes":[{"dst":"bar"}]}""", "invalid CIDR address: bar")]
    [InlineData("""{"subnet":"10.0.0.0/24","routes":[{"dst":"1.2.3.4/8","gw":"x"}]}""", "invalid IP address: x")]
    [InlineData("""{"ranges":[[{"subnet":"10.1.0.0/24"}],[{"subnet":"10.2.0.0/24"}],[{"subnet":"10.1.0.128/25"}]]}""", "range set 0 overlaps with 2")]
    public void Rejects_as_the_reference_does(string ipam, string message)
    {
        var error = Assert.Throws<CniException>(() => Ipam.Load(ipam));
        Assert.Equal(CniErrorCode.Internal, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Reference_messages_for_the_other_sources()
    {
        Assert.Equal("IPAM config missing 'ipam' key", Assert.Throws<CniException>(() => IpamConfiguration.Load(
            NetworkConfig.Parse("""{"cniVersion":"1.0.0","name":"n","type":"x"}"""u8), CniArgs.Empty)).Message);
        Assert.Equal("invalid IP address zz", Assert.Throws<CniException>(() => Ipam.Load("""{"subnet":"10.0.0.0/24"}""", ""","args":{"cni":{"ips":["zz"]}}""")).Message);
        Assert.Equal(
            "CNI version 0.2.0 does not support more than 1 address per family",
            Assert.Throws<CniException>(() => Ipam.Load("""{"ranges":[[{"subnet":"10.0.0.0/24"}],[{"subnet":"10.1.0.0/24"}]]}""", version: "0.2.0")).Message);
    }

    [Theory]
    [InlineData("""{"subnet":"10.0.0.5/24"}""", "at ipam")]
    [InlineData("""{"ranges":[[{"subnet":"10.0.0.0/24"},{"subnet":"10.9.0.0/31"}]]}""", "at ipam.ranges[0][1]")]
    [InlineData("""{"ranges":[[{"subnet":"10.0.0.0/24","rangeEnd":"foo"}]]}""", "at ipam.ranges[0][0].rangeEnd")]
    [InlineData("""{"subnet":"10.0.0.0/24","routes":[{"dst":"0.0.0.0/0"},{"dst":"x"}]}""", "at ipam.routes[1].dst")]
    [InlineData("""{"ranges":[[{"subnet":"10.0.0.0/24"}],[{"subnet":"10.0.0.0/24"}]]}""", "at ipam.ranges[0] and ipam.ranges[1]")]
    public void Details_name_the_key(string ipam, string details)
        => Assert.Equal(details, Assert.Throws<CniException>(() => Ipam.Load(ipam)).Details);

    [Fact]
    public void Defaults_are_the_references()
    {
        var config = Ipam.Load("""{"type":"host-local","subnet":"10.0.0.0/24"}""");
        var range = Assert.Single(Assert.Single(config.RangeSets));
        Assert.Equal(("10.0.0.0/24", "10.0.0.1", "10.0.0.254", "10.0.0.1"), (range.Subnet.ToString(), range.RangeStart.ToString(), range.RangeEnd.ToString(), range.Gateway.ToString()));
        Assert.Equal(IpamConfiguration.DefaultDataDir, config.DataDir);
        Assert.Equal("net1", config.NetworkName);
        Assert.Equal((UInt128)253, range.Capacity);

        var v6 = Ipam.Load("""{"subnet":"fd00::/120","rangeStart":"fd00::0010"}""").RangeSets[0][0];
        Assert.Equal(("fd00::10", "fd00::ff", "fd00::1"), (v6.RangeStart.ToString(), v6.RangeEnd.ToString(), v6.Gateway.ToString()));
        Assert.Equal("fd00::10-fd00::ff", v6.ToString());
    }

    [Fact]
    public void A_gateway_outside_the_subnet_is_accepted_as_in_1_1_1()
    {
        var range = Ipam.Load("""{"subnet":"10.0.0.0/24","gateway":"10.1.0.1"}""").RangeSets[0][0];
        Assert.Equal("10.1.0.1", range.Gateway.ToString());
        Assert.Equal((UInt128)254, range.Capacity);
    }

    [Fact]
    public void Runtime_ranges_come_first_then_the_legacy_range_then_ranges()
    {
        var config = Ipam.Load(
            """{"subnet":"10.1.0.0/24","ranges":[[{"subnet":"10.2.0.0/24"}]]}""",
            ""","runtimeConfig":{"ipRanges":[[{"subnet":"10.9.0.0/24","rangeStart":"10.9.0.10"}]]}""");
        Assert.Equal(["10.9.0.10-10.9.0.254", "10.1.0.1-10.1.0.254", "10.2.0.1-10.2.0.254"], config.RangeSets.Select(s => s.ToString()));
    }

    [Fact]
    public void Requested_addresses_come_from_CNI_ARGS_args_and_runtimeConfig_in_order()
    {
        var config = Ipam.Load(
            """{"ranges":[[{"subnet":"10.0.0.0/24"}]]}""",
            ""","args":{"cni":{"ips":["10.0.0.7","10.0.0.8/24"]}},"runtimeConfig":{"ips":["::ffff:10.0.0.9"]}""",
            "IgnoreUnknown=1;K8S_POD_NAME=p;IP=10.0.0.5,10.0.0.6");
        Assert.Equal(["10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.9"], config.RequestedAddresses.Select(a => a.ToString()));
    }

    [Fact]
    public void Unknown_CNI_ARGS_fail_unless_IgnoreUnknown()
    {
        Assert.Equal("ARGS: unknown args [\"FOO=bar\"]", Assert.Throws<CniException>(() => Ipam.Load("""{"subnet":"10.0.0.0/24"}""", cniArgs: "FOO=bar")).Message);
        Assert.Empty(Ipam.Load("""{"subnet":"10.0.0.0/24"}""", cniArgs: "IgnoreUnknown=true;FOO=bar").RequestedAddresses);
    }

    [Fact]
    public void Keys_match_case_insensitively_as_in_Go()
        => Assert.Equal("10.1.0.0/24", Ipam.Load("""{"Subnet":"10.1.0.0/24","DATADIR":"/x"}""").RangeSets[0][0].Subnet.ToString());

    [Fact]
    public void Routes_keep_host_bits_and_gateways()
    {
        var config = Ipam.Load("""{"subnet":"10.0.0.0/24","dataDir":"/d","resolvConf":"/r","routes":[{"dst":"0.0.0.0/0"},{"dst":"192.168.1.5/16","gw":"10.0.0.254"}]}""");
        Assert.Equal(["0.0.0.0/0 ", "192.168.1.5/16 10.0.0.254"], config.Routes.Select(r => $"{r.Destination} {r.Gateway}"));
        Assert.Equal(("/d", "/r"), (config.DataDir, config.ResolvConf));
    }
}
