using System.Net;
using System.Net.Sockets;

namespace Cni.Netlink.Tests;

/// <summary>Policy routing rules on the real kernel, inside namespaces the tests create.</summary>
public class RuleTests
{
    [Fact]
    public void IPv4_source_rule_is_added_listed_and_deleted_next_to_the_kernel_defaults()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var rule = new Rule { Source = IPAddress.Parse("10.60.0.5"), SourcePrefixLength = 32, Table = 100, Priority = 1000 };
        socket.AddRule(rule);
        Assert.True(Assert.Throws<NetlinkException>(() => socket.AddRule(rule)).IsExists);

        var rules = List(socket, AddressFamily.InterNetwork);
        Assert.Contains(rules, r => r.Priority == 0 && r.Table == 255);
        Assert.Contains(rules, r => r.Priority == 32766 && r.Table == Route.MainTable);
        var found = Assert.Single(rules, r => r.Priority == 1000);
        Assert.Equal(("10.60.0.5", 32, 100, RuleAction.ToTable), (found.Source, found.SourceLength, found.Table, found.Action));
        Assert.DoesNotContain(List(socket, AddressFamily.InterNetworkV6), r => r.Priority == 1000);

        socket.DeleteRule(rule);
        Assert.DoesNotContain(List(socket, AddressFamily.InterNetwork), r => r.Priority == 1000);
        Assert.True(Assert.Throws<NetlinkException>(() => socket.DeleteRule(rule)).IsNotFound);
    }

    [Fact]
    public void IPv6_rule_with_every_selector_is_read_back()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        ns.AddBridge("cnit-rl");
        socket.AddRule(new Rule
        {
            Source = IPAddress.Parse("fd00:1::"),
            SourcePrefixLength = 64,
            Destination = IPAddress.Parse("fd00:2::5"),
            DestinationPrefixLength = 128,
            InputInterface = "lo",
            OutputInterface = "cnit-rl",
            FirewallMark = 0x10,
            FirewallMask = 0xff,
            Table = 1000,
            Priority = 2000,
            Invert = true,
        });
        socket.AddRule(new Rule { Family = AddressFamily.InterNetworkV6, FirewallMark = 7, Action = RuleAction.Blackhole, Priority = 2001 });

        var rules = List(socket, AddressFamily.InterNetworkV6);
        var found = Assert.Single(rules, r => r.Priority == 2000);
        Assert.Equal(("fd00:1::", 64, "fd00:2::5", 128, "lo", "cnit-rl", 0x10u, 0xffu, 1000, true), (found.Source, found.SourceLength, found.Destination, found.DestinationLength, found.Input, found.Output, found.Mark, found.Mask, found.Table, found.Invert));
        var blackhole = Assert.Single(rules, r => r.Priority == 2001);
        Assert.Equal((RuleAction.Blackhole, 7u), (blackhole.Action, blackhole.Mark));

        socket.DeleteRule(new Rule { Family = AddressFamily.InterNetworkV6, Priority = 2000 });
        socket.DeleteRule(new Rule { Family = AddressFamily.InterNetworkV6, Priority = 2001 });
        Assert.DoesNotContain(List(socket, AddressFamily.InterNetworkV6), r => r.Priority is 2000 or 2001);
    }

    private static List<(uint Priority, int Table, RuleAction Action, string? Source, int SourceLength, string? Destination, int DestinationLength, string? Input, string? Output, uint Mark, uint Mask, bool Invert)> List(NetlinkSocket socket, AddressFamily family)
    {
        var list = new List<(uint, int, RuleAction, string?, int, string?, int, string?, string?, uint, uint, bool)>();
        foreach (var rule in socket.DumpRules(family))
        {
            Assert.Equal(family, rule.Family);
            list.Add((rule.Priority, rule.Table, rule.Action, rule.GetSource()?.ToString(), rule.SourcePrefixLength, rule.GetDestination()?.ToString(), rule.DestinationPrefixLength, rule.GetInputInterface(), rule.GetOutputInterface(), rule.FirewallMark, rule.FirewallMask, rule.Invert));
        }

        return list;
    }
}
