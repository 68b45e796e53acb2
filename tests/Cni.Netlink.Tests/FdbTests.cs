using System.Net;

namespace Cni.Netlink.Tests;

/// <summary>Forwarding database entries of VXLAN devices and bridges on the real kernel, inside namespaces the tests create.</summary>
public class FdbTests
{
    private static readonly byte[] RemoteMac = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];
    private static readonly byte[] Flood = new byte[6];

    [Fact]
    public void Vxlan_entries_are_added_replaced_appended_listed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var underlay = ns.AddBridge("cnit-fu");
        socket.AddAddress(underlay, IPAddress.Parse("10.56.0.1"), 24);
        socket.AddLink(new VxlanSpec("cnit-fvx", 42) { Port = 4789, Local = IPAddress.Parse("10.56.0.1"), UnderlayIndex = underlay, Learning = false, Up = true });
        var vxlan = socket.GetLink("cnit-fvx").Index;

        var entry = new FdbEntry { LinkIndex = vxlan, HardwareAddress = RemoteMac, Destination = IPAddress.Parse("10.56.0.2") };
        socket.AddFdbEntry(entry);
        Assert.True(Assert.Throws<NetlinkException>(() => socket.AddFdbEntry(entry)).IsExists);

        var added = Assert.Single(Entries(socket, vxlan), e => e.Mac == Convert.ToHexString(RemoteMac));
        Assert.Equal(("10.56.0.2", (int?)null, (ushort?)null, NeighborFlags.Self, true), (added.Destination, added.Vni, added.Port, added.Flags & NeighborFlags.Self, added.State.HasFlag(NeighborState.Permanent)));

        // Replace changes the destination; a VNI and port other than the device's are reported back.
        socket.ReplaceFdbEntry(entry with { Destination = IPAddress.Parse("10.56.0.3"), Vni = 43, Port = 4790 });
        var replaced = Assert.Single(Entries(socket, vxlan), e => e.Mac == Convert.ToHexString(RemoteMac));
        Assert.Equal(("10.56.0.3", (int?)43, (ushort?)4790), (replaced.Destination, replaced.Vni, replaced.Port));

        // The all-zeros MAC with two destinations: flooding to both remotes.
        socket.AppendFdbEntry(new FdbEntry { LinkIndex = vxlan, HardwareAddress = Flood, Destination = IPAddress.Parse("10.56.0.4") });
        socket.AppendFdbEntry(new FdbEntry { LinkIndex = vxlan, HardwareAddress = Flood, Destination = IPAddress.Parse("10.56.0.5") });
        Assert.Equal(["10.56.0.4", "10.56.0.5"], Entries(socket, vxlan).Where(e => e.Mac == "000000000000").Select(e => e.Destination).Order());

        socket.DeleteFdbEntry(new FdbEntry { LinkIndex = vxlan, HardwareAddress = Flood, Destination = IPAddress.Parse("10.56.0.4") });
        Assert.Equal(["10.56.0.5"], Entries(socket, vxlan).Where(e => e.Mac == "000000000000").Select(e => e.Destination));
        socket.DeleteFdbEntry(new FdbEntry { LinkIndex = vxlan, HardwareAddress = RemoteMac });
        Assert.DoesNotContain(Entries(socket, vxlan), e => e.Mac == Convert.ToHexString(RemoteMac));
        Assert.True(Assert.Throws<NetlinkException>(() => socket.DeleteFdbEntry(entry)).IsNotFound);
    }

    [Fact]
    public void Bridge_port_entries_go_to_the_master_and_the_dump_filters_by_device_and_by_bridge()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var bridge = ns.AddBridge("cnit-fbr");
        var other = ns.AddBridge("cnit-fbr2");
        socket.AddLink(new VethSpec("cnit-fp", "cnit-fpp") { MasterIndex = bridge });
        socket.AddLink(new VethSpec("cnit-fq", "cnit-fqp") { MasterIndex = other });
        var port = socket.GetLink("cnit-fp").Index;
        var otherPort = socket.GetLink("cnit-fq").Index;

        socket.AddFdbEntry(new FdbEntry { LinkIndex = port, HardwareAddress = RemoteMac, Flags = NeighborFlags.Master, State = NeighborState.NoArp });
        socket.AddFdbEntry(new FdbEntry { LinkIndex = otherPort, HardwareAddress = RemoteMac, Flags = NeighborFlags.Master, State = NeighborState.NoArp });

        // A bridge with VLAN support (Debian's kernel) adds a second entry in its default VLAN: the one without a VLAN is ours.
        var onPort = Assert.Single(Entries(socket, port), e => e.Mac == Convert.ToHexString(RemoteMac) && e.Vlan is null);
        // The bridge reports its own entries by NDA_MASTER, without NTF_MASTER in the flags.
        Assert.Equal((port, bridge, NeighborState.NoArp, (string?)null), (onPort.Link, onPort.Master, onPort.State, onPort.Destination));

        var ofBridge = Entries(socket, 0, bridge);
        Assert.Contains(ofBridge, e => e.Link == port && e.Mac == Convert.ToHexString(RemoteMac));
        Assert.DoesNotContain(ofBridge, e => e.Link == otherPort);
        Assert.Contains(Entries(socket, 0), e => e.Link == otherPort && e.Mac == Convert.ToHexString(RemoteMac));

        socket.DeleteFdbEntry(new FdbEntry { LinkIndex = port, HardwareAddress = RemoteMac, Flags = NeighborFlags.Master });
        Assert.DoesNotContain(Entries(socket, port), e => e.Mac == Convert.ToHexString(RemoteMac));
    }

    private static List<(int Link, string Mac, string? Destination, int? Vni, ushort? Port, int Master, NeighborFlags Flags, NeighborState State, ushort? Vlan)> Entries(NetlinkSocket socket, int link, int master = 0)
    {
        var list = new List<(int, string, string?, int?, ushort?, int, NeighborFlags, NeighborState, ushort?)>();
        foreach (var entry in socket.DumpFdb(link, master))
        {
            list.Add((entry.LinkIndex, Convert.ToHexString(entry.HardwareAddress), entry.GetDestination()?.ToString(), entry.Vni, entry.Port, entry.MasterIndex, entry.Flags, entry.State, entry.Vlan));
        }

        return list;
    }
}
