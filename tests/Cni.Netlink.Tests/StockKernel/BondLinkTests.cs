namespace Cni.Netlink.Tests.StockKernel;

/// <summary>Bonds and their ports, on Debian's stock kernel (the VM lane; this machine's kernel lacks CONFIG_BONDING).</summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public class BondLinkTests
{
    [Fact]
    public void Active_backup_bond_is_created_read_back_as_iproute2_sees_it_changed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new BondSpec("cnit-bond0")
        {
            Mode = BondMode.ActiveBackup,
            MiiMonitorInterval = 100,
            UpDelay = 200,
            DownDelay = 300,
            MinLinks = 1,
        });

        var bond = ns.Socket.GetLink("cnit-bond0");
        Assert.Equal("bond", bond.Kind);
        var state = Assert.NotNull(bond.Bond);
        Assert.Equal(BondMode.ActiveBackup, state.Mode);
        Assert.Equal(100u, state.MiiMonitorInterval);
        Assert.Equal(200u, state.UpDelay);
        Assert.Equal(300u, state.DownDelay);
        Assert.Equal(1u, state.MinLinks);
        AssertSameAsIproute2(ns, "cnit-bond0", state);

        ns.Socket.ChangeLink(bond.Index, new BondSpec("cnit-bond0") { MiiMonitorInterval = 50, TransmitHashPolicy = BondTransmitHashPolicy.Layer23 });
        var changed = ns.Socket.GetLink(bond.Index).Bond!.Value;
        // The kernel keeps the up and down delays as counts of MII intervals (200 ms = 2 x 100 ms): halving the
        // interval halves them (seen on Debian's 6.1).
        Assert.Equal(state with { MiiMonitorInterval = 50, UpDelay = 100, DownDelay = 150, TransmitHashPolicy = BondTransmitHashPolicy.Layer23 }, changed);
        AssertSameAsIproute2(ns, "cnit-bond0", changed);

        ns.Socket.DeleteLink(bond.Index);
        Assert.False(ns.Socket.TryGetLink("cnit-bond0", new LinkInfo()));
    }

    [Fact]
    public void Lacp_bond_takes_its_802_3ad_options_and_its_mode_changes_while_down_without_ports()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new BondSpec("cnit-bond1")
        {
            Mode = BondMode.Dot3AD,
            MiiMonitorInterval = 100,
            TransmitHashPolicy = BondTransmitHashPolicy.Layer34,
            LacpRate = BondLacpRate.Fast,
            MinLinks = 2,
        });

        var bond = ns.Socket.GetLink("cnit-bond1");
        var state = bond.Bond!.Value;
        Assert.Equal(new BondState(BondMode.Dot3AD, 100, 0, 0, BondTransmitHashPolicy.Layer34, 2, BondLacpRate.Fast), state);
        AssertSameAsIproute2(ns, "cnit-bond1", state);

        ns.Socket.ChangeLink(bond.Index, new BondSpec("cnit-bond1") { Mode = BondMode.BalanceXor });
        var changed = ns.Socket.GetLink(bond.Index).Bond!.Value;
        Assert.Equal(BondMode.BalanceXor, changed.Mode);
        AssertSameAsIproute2(ns, "cnit-bond1", changed);
    }

    [Fact]
    public void Ports_are_enslaved_at_creation_and_later_read_back_as_bond_ports_and_released()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new BondSpec("cnit-bond2") { Mode = BondMode.ActiveBackup, MiiMonitorInterval = 100 });
        var bond = ns.Socket.GetLink("cnit-bond2").Index;

        ns.Socket.AddLink(new VethSpec("cnit-bp0", "cnit-bp0p") { MasterIndex = bond });
        ns.Socket.AddLink(new VethSpec("cnit-bp1", "cnit-bp1p"));
        var second = ns.Socket.GetLink("cnit-bp1").Index;
        Assert.Null(ns.Socket.GetLink(second).BondPort);
        ns.Socket.SetLinkMaster(second, bond);

        foreach (var name in new[] { "cnit-bp0", "cnit-bp1" })
        {
            var port = ns.Socket.GetLink(name);
            Assert.Equal(bond, port.MasterIndex);
            var portState = Assert.NotNull(port.BondPort);
            var ip = Iproute2.Link(ns, name).GetProperty("linkinfo");
            Assert.Equal("bond", ip.GetProperty("info_slave_kind").GetString());
            var slave = ip.GetProperty("info_slave_data");
            Assert.Equal(portState.IsActive ? "ACTIVE" : "BACKUP", slave.GetProperty("state").GetString());
            Assert.Equal(portState.IsLinkUp, slave.GetProperty("mii_status").GetString() == "UP");
            Assert.Equal(portState.LinkFailureCount, slave.GetProperty("link_failure_count").GetUInt32());
        }

        Assert.Null(ns.Socket.GetLink(bond).BondPort);
        ns.Socket.SetLinkNoMaster(second);
        var released = ns.Socket.GetLink(second);
        Assert.Equal(0, released.MasterIndex);
        Assert.Null(released.BondPort);
        Assert.False(Iproute2.Link(ns, "cnit-bp1").GetProperty("linkinfo").TryGetProperty("info_slave_kind", out _));
    }

    private static void AssertSameAsIproute2(TestNamespace ns, string name, BondState state)
    {
        var ip = Iproute2.Link(ns, name);
        Assert.Equal("bond", ip.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        var data = ip.GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal(ModeName(state.Mode), data.GetProperty("mode").GetString());
        Assert.Equal(state.MiiMonitorInterval, data.GetProperty("miimon").GetUInt32());
        Assert.Equal(state.UpDelay, data.GetProperty("updelay").GetUInt32());
        Assert.Equal(state.DownDelay, data.GetProperty("downdelay").GetUInt32());
        Assert.Equal(state.MinLinks, data.GetProperty("min_links").GetUInt32());
        Assert.Equal(PolicyName(state.TransmitHashPolicy), data.GetProperty("xmit_hash_policy").GetString());
        Assert.Equal(state.LacpRate == BondLacpRate.Fast ? "fast" : "slow", data.GetProperty("ad_lacp_rate").GetString());
    }

    private static string ModeName(BondMode mode) => mode switch
    {
        BondMode.BalanceRoundRobin => "balance-rr",
        BondMode.ActiveBackup => "active-backup",
        BondMode.BalanceXor => "balance-xor",
        BondMode.Broadcast => "broadcast",
        BondMode.Dot3AD => "802.3ad",
        BondMode.BalanceTlb => "balance-tlb",
        BondMode.BalanceAlb => "balance-alb",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    private static string PolicyName(BondTransmitHashPolicy policy) => policy switch
    {
        BondTransmitHashPolicy.Layer2 => "layer2",
        BondTransmitHashPolicy.Layer34 => "layer3+4",
        BondTransmitHashPolicy.Layer23 => "layer2+3",
        BondTransmitHashPolicy.Encap23 => "encap2+3",
        BondTransmitHashPolicy.Encap34 => "encap3+4",
        BondTransmitHashPolicy.VlanSourceMac => "vlan+srcmac",
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };
}
