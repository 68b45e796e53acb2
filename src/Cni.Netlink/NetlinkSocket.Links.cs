using Cni.Interop;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Diagnostics;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

public sealed partial class NetlinkSocket
{
    private const string AddLinkOperation = "add link";
    private const string DeleteLinkOperation = "delete link";
    private const string MoveLinkOperation = "move link to namespace";

    /// <summary>Creates a link (RTM_NEWLINK with NLM_F_CREATE | NLM_F_EXCL).</summary>
    /// <param name="link">What to create: a <see cref="BridgeSpec"/>, <see cref="VethSpec"/>, <see cref="VxlanSpec"/>, ...; a <see cref="TunSpec"/> is made through <c>/dev/net/tun</c> instead (see there).</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when the name is taken; <see cref="NetlinkException.IsNotSupported"/> when the kind's module is missing).</exception>
    public void AddLink(LinkSpec link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var telemetry = OperationTelemetry.StartRequest(AddLinkOperation, link.Kind, link.Name, linkIndex: 0);
        try
        {
            if (link is TunSpec tun)
            {
                AddTunLink(tun);
            }
            else
            {
                AddLinkOverNetlink(link);
            }
        }
        catch (Exception e)
        {
            telemetry.StopRequest(e);
            throw;
        }

        telemetry.StopRequest(null);
    }

    private void AddLinkOverNetlink(LinkSpec link)
    {
        var holdsNamespace = false;
        var holdsOther = false;
        try
        {
            link.Namespace?.Handle.DangerousAddRef(ref holdsNamespace);
            link.OtherNamespace?.Handle.DangerousAddRef(ref holdsOther);
            lock (_lock)
            {
                var writer = StartRequest(out var sequence);
                Requests.NewLink(ref writer, sequence, link);
                Acknowledge(writer.Written, sequence, AddLinkOperation);
            }
        }
        finally
        {
            if (holdsNamespace)
            {
                link.Namespace!.Handle.DangerousRelease();
            }

            if (holdsOther)
            {
                link.OtherNamespace!.Handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Changes the kind's own settings of a link that exists (IFLA_INFO_DATA, as <c>ip link set DEV
    /// type KIND ...</c>): for example a bond's MII interval. Only the settings <paramref name="settings"/>
    /// writes are sent (those left <see langword="null"/> stay as they are); its name and common
    /// settings are not sent.
    /// </summary>
    /// <param name="index">The link's index.</param>
    /// <param name="settings">A spec of the link's kind holding the new settings.</param>
    /// <exception cref="NetlinkException">The kernel refused (EOPNOTSUPP when the kind cannot change a setting, for example a bond's mode while it has ports).</exception>
    public void ChangeLink(int index, LinkSpec settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.ChangeLink(ref writer, sequence, index, settings);
            Acknowledge(writer.Written, sequence, "change link");
        }
    }

    /// <summary>Deletes a link (both ends of a veth go).</summary>
    /// <param name="index">The link's index.</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsNotFound"/> when there is no such link).</exception>
    public void DeleteLink(int index) => DeleteLink(index, name: null);

    /// <summary>Deletes a link by name.</summary>
    /// <param name="name">The link's name.</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsNotFound"/> when there is no such link).</exception>
    public void DeleteLink(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        DeleteLink(0, name);
    }

    /// <summary>Sets a link up (IFF_UP).</summary>
    /// <param name="index">The link's index.</param>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void SetLinkUp(int index) => SetLinkFlag(index, on: true, promiscuous: false);

    /// <summary>Sets a link down.</summary>
    /// <param name="index">The link's index.</param>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void SetLinkDown(int index) => SetLinkFlag(index, on: false, promiscuous: false);

    /// <summary>Turns promiscuous mode on or off (IFF_PROMISC).</summary>
    /// <param name="index">The link's index.</param>
    /// <param name="on">On or off.</param>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void SetLinkPromiscuous(int index, bool on) => SetLinkFlag(index, on, promiscuous: true);

    /// <summary>Sets a link's MTU.</summary>
    /// <param name="index">The link's index.</param>
    /// <param name="mtu">The MTU.</param>
    /// <exception cref="NetlinkException">The kernel refused (EINVAL outside the link's range).</exception>
    public void SetLinkMtu(int index, int mtu) => SetLinkAttribute(index, Ifla.Mtu, mtu, "set link mtu");

    /// <summary>Enslaves a link to a bridge or bond.</summary>
    /// <param name="index">The link's index.</param>
    /// <param name="masterIndex">The bridge's index.</param>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void SetLinkMaster(int index, int masterIndex) => SetLinkAttribute(index, Ifla.Master, masterIndex, "set link master");

    /// <summary>Frees a link from its bridge or bond.</summary>
    /// <param name="index">The link's index.</param>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void SetLinkNoMaster(int index) => SetLinkAttribute(index, Ifla.Master, 0, "set link nomaster");

    /// <summary>Moves a link into the namespace of a process (IFLA_NET_NS_PID).</summary>
    /// <param name="index">The link's index.</param>
    /// <param name="processId">A process in the target namespace.</param>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void SetLinkNamespace(int index, int processId) => MoveLink(index, Ifla.NetNsPid, processId);

    /// <summary>Moves a link into another network namespace (IFLA_NET_NS_FD). Its addresses are dropped; its index may change.</summary>
    /// <param name="index">The link's index.</param>
    /// <param name="networkNamespace">The target namespace.</param>
    /// <exception cref="NetlinkException">The kernel refused (EEXIST when the name is taken there).</exception>
    public void SetLinkNamespace(int index, NetworkNamespace networkNamespace)
    {
        ArgumentNullException.ThrowIfNull(networkNamespace);
        var holds = false;
        try
        {
            networkNamespace.Handle.DangerousAddRef(ref holds);
            MoveLink(index, Ifla.NetNsFd, networkNamespace.FileDescriptor);
        }
        finally
        {
            if (holds)
            {
                networkNamespace.Handle.DangerousRelease();
            }
        }
    }

    /// <summary>Sets a link's MAC address.</summary>
    /// <param name="index">The link's index.</param>
    /// <param name="address">The address bytes (6 for Ethernet).</param>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void SetLinkHardwareAddress(int index, ReadOnlySpan<byte> address)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.SetLinkHardwareAddress(ref writer, sequence, index, address);
            Acknowledge(writer.Written, sequence, "set link address");
        }
    }

    /// <summary>Renames a link (it must be down).</summary>
    /// <param name="index">The link's index.</param>
    /// <param name="name">The new name.</param>
    /// <exception cref="NetlinkException">The kernel refused (EBUSY when up, EEXIST when taken).</exception>
    public void SetLinkName(int index, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.SetLinkName(ref writer, sequence, index, name);
            Acknowledge(writer.Written, sequence, "rename link");
        }
    }

    /// <summary>Reads a link by index into <paramref name="link"/>, allocating nothing when the name and kind did not change.</summary>
    /// <param name="index">The link's index.</param>
    /// <param name="link">Filled in when found.</param>
    /// <returns><see langword="false"/> when there is no such link.</returns>
    /// <exception cref="NetlinkException">The request failed for another reason.</exception>
    public bool TryGetLink(int index, LinkInfo link)
    {
        ArgumentNullException.ThrowIfNull(link);
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.GetLink(ref writer, sequence, index);
            if (!TryQuery(writer.Written, sequence, Rtm.NewLink, "get link", out var payload))
            {
                return false;
            }

            link.CopyFrom(LinkMessage.Parse(payload), null);
            return true;
        }
    }

    /// <summary>Reads a link by name into <paramref name="link"/>, allocating nothing (the name string is <paramref name="name"/>).</summary>
    /// <param name="name">The link's name.</param>
    /// <param name="link">Filled in when found.</param>
    /// <returns><see langword="false"/> when there is no such link.</returns>
    /// <exception cref="NetlinkException">The request failed for another reason.</exception>
    public bool TryGetLink(string name, LinkInfo link)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(link);
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.GetLink(ref writer, sequence, name);
            if (!TryQuery(writer.Written, sequence, Rtm.NewLink, "get link", out var payload))
            {
                return false;
            }

            link.CopyFrom(LinkMessage.Parse(payload), name);
            return true;
        }
    }

    /// <summary>Reads a link by index.</summary>
    /// <param name="index">The link's index.</param>
    /// <returns>A new <see cref="LinkInfo"/>.</returns>
    /// <exception cref="NetlinkException">No such link (<see cref="NetlinkException.IsNotFound"/>) or the request failed.</exception>
    public LinkInfo GetLink(int index)
    {
        var link = new LinkInfo();
        if (!TryGetLink(index, link))
        {
            ThrowHelper.ThrowKernel("get link", Errno.ENODEV, null);
        }

        return link;
    }

    /// <summary>Reads a link by name.</summary>
    /// <param name="name">The link's name.</param>
    /// <returns>A new <see cref="LinkInfo"/>.</returns>
    /// <exception cref="NetlinkException">No such link (<see cref="NetlinkException.IsNotFound"/>) or the request failed.</exception>
    public LinkInfo GetLink(string name)
    {
        var link = new LinkInfo();
        if (!TryGetLink(name, link))
        {
            ThrowHelper.ThrowKernel("get link", Errno.ENODEV, null);
        }

        return link;
    }

    /// <summary>Lists every link of the namespace (a dump, restarted when the kernel marks it interrupted).</summary>
    /// <returns>The links, to read with <c>foreach</c>; valid until the next dump on this socket.</returns>
    /// <exception cref="NetlinkException">The dump failed.</exception>
    public NetlinkDump<LinkMessage> DumpLinks()
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.DumpLinks(ref writer, sequence);
            var messages = Dump(_send.AsSpan(0, writer.Written.Length), sequence, "dump links", out var generation, out var replySequence);
            return new NetlinkDump<LinkMessage>(this, messages, replySequence, generation);
        }
    }

    private void SetLinkFlag(int index, bool on, bool promiscuous)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            string operation;
            if (promiscuous)
            {
                Requests.SetLinkPromiscuous(ref writer, sequence, index, on);
                operation = on ? "set link promiscuous on" : "set link promiscuous off";
            }
            else
            {
                Requests.SetLinkUp(ref writer, sequence, index, on);
                operation = on ? "set link up" : "set link down";
            }

            Acknowledge(writer.Written, sequence, operation);
        }
    }

    /// <summary>Deletes a link by name when <paramref name="name"/> is given, else by index.</summary>
    private void DeleteLink(int index, string? name)
    {
        var telemetry = OperationTelemetry.StartRequest(DeleteLinkOperation, linkKind: null, name, index);
        try
        {
            lock (_lock)
            {
                var writer = StartRequest(out var sequence);
                if (name is null)
                {
                    Requests.DeleteLink(ref writer, sequence, index);
                }
                else
                {
                    Requests.DeleteLink(ref writer, sequence, name);
                }

                Acknowledge(writer.Written, sequence, DeleteLinkOperation);
            }
        }
        catch (Exception e)
        {
            telemetry.StopRequest(e);
            throw;
        }

        telemetry.StopRequest(null);
    }

    /// <summary>Moves a link to the namespace a process or a descriptor names: a traced request, it is how a container gets its interface.</summary>
    private void MoveLink(int index, ushort attribute, int value)
    {
        var telemetry = OperationTelemetry.StartRequest(MoveLinkOperation, linkKind: null, linkName: null, index);
        try
        {
            SetLinkAttribute(index, attribute, value, MoveLinkOperation);
        }
        catch (Exception e)
        {
            telemetry.StopRequest(e);
            throw;
        }

        telemetry.StopRequest(null);
    }

    private void SetLinkAttribute(int index, ushort attribute, int value, string operation)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.SetLinkAttribute(ref writer, sequence, index, attribute, value);
            Acknowledge(writer.Written, sequence, operation);
        }
    }
}
