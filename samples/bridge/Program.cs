// bridge: plugs containers into a Linux bridge on the node, a drop-in for the reference plugin of
// the same name (same configuration keys, same results, same kernel state). Each container gets a
// veth pair: one end inside its namespace with the addresses IPAM gives, the other on the bridge.
//
//   {"cniVersion": "1.0.0", "name": "mynet", "type": "bridge", "bridge": "cni0", "isGateway": true,
//    "ipMasq": true, "ipam": {"type": "host-local", "subnet": "10.22.0.0/16"}}
//
// This process runs in the node's network namespace; CNI_NETNS names the container's.
using Bridge;
using Cni;
using Cni.Ipam;
using Cni.Netlink;
using Microsoft.Extensions.DependencyInjection;

var builder = CniPlugin.CreateBuilder(BridgeConfig.Read);
builder.About = "CNI bridge plugin version 1.0.0";
builder.Services.AddPluginIpam();   // host-local in this process, any other IPAM type as a plugin
#if CNI_OPENTELEMETRY
builder.AddOpenTelemetry();   // built with -p:CniOpenTelemetry=true: exports when OTEL_EXPORTER_OTLP_ENDPOINT is set
#endif
var plugin = builder.Build();

// ADD: bridge, veth pair, spoof check, addresses and routes, gateway, announcement, masquerade; IPAM allocates
// meanwhile. If any step fails, the rollback undoes the steps before it (the veth pair too,
// unlike the reference) and the runtime gets the error.
plugin.OnAdd(async (request, cancellationToken) =>
{
    var config = request.Config;
    config.ValidateForAdd(request.Args);

    // The addresses are released last, after the allocation has ended (see PendingAllocation).
    await using var release = new Rollback(request.Logger);
    await using var allocation = PendingAllocation.Start(request, release, cancellationToken);
    using var node = NetlinkSocket.Open();
    var bridge = NodeBridge.Ensure(node, config);
    using var container = ContainerNamespace.Open(request.NetNs!);

    // Declared after the sockets, so it runs (on failure) before they are closed.
    await using var rollback = new Rollback(request.Logger);
    var veth = VethPair.Create(node, container, request.IfName, config.Mtu, config.ContainerMac(request.Args), bridge.Index, rollback);
    BridgePort.Configure(node, veth.Host, config);
    var result = AttachmentResult.Create(config.BridgeName, veth, request.IfName, request.NetNs!);
    if (config.MacSpoofCheck)
    {
        var spoofCheck = new MacSpoofCheck(request.ContainerId, request.IfName, request.Logger);
        rollback.Add("remove the spoof-check rules", () => spoofCheck.TearDownAsync(CancellationToken.None));
        await spoofCheck.SetUpAsync(veth.Host.Name, MacAddress.Format(veth.Container.HardwareAddress), cancellationToken);
    }

    if (config.HasIpam)
    {
        AttachmentResult.AddAllocation(result, await allocation!.Result);
        var gateways = Gateways.Calculate(result, config, AttachmentResult.ContainerInterface);

        ContainerSysctls.Prepare(container.Handle, request.IfName, config.EnableDad, result.IPs.Any(ip => !ip.Address.IsIPv4));
        ContainerInterface.Configure(container, veth.Container.Index, request.IfName, result, config.EnableDad);
        PortState.WaitUntilUp(node, veth.Host.Index);

        if (config.IsGateway && NodeBridge.AddGateways(node, bridge, config, gateways) is { } vlanGateway)
        {
            AttachmentResult.AddVlanGateway(result, vlanGateway);
        }

        // A neighbour (the node, another container) that still has one of these addresses at the
        // MAC of a container that had it before takes this one at once.
        AddressAnnouncement.Send(container, veth.Container.Index, result.IPs.Select(ip => ip.Address.Address));

        if (config.IPMasq)
        {
            var masquerade = new IpMasquerade(config.Name, request.IfName, request.ContainerId, request.Logger);
            rollback.Add("remove the masquerade rules", () => masquerade.TearDownAsync(CancellationToken.None));
            await masquerade.SetUpAsync(IpMasquerade.ParseBackend(config.IPMasqBackend), result.IPs.Select(ip => ip.Address), cancellationToken);
        }
    }
    else if (!config.DisableContainerInterface)
    {
        ContainerInterface.SetUp(container.Socket, veth.Container.Index, request.IfName);
    }

    // The bridge's MAC now: the kernel changes it as ports come and go unless a gateway pinned it.
    AttachmentResult.SetBridgeMac(result, NodeBridge.Lookup(node, config.BridgeName));
    result.Dns = config.Dns ?? new CniDns();
    rollback.Complete();
    release.Complete();
    return result;
});

// DEL: the container's interface (its veth peer goes with it), the IPAM allocation, the
// spoof-check and masquerade rules. Everything already gone counts as done: the namespace, the
// link, the allocation. The bridge stays: other containers may use it.
plugin.OnDel(async (request, cancellationToken) =>
{
    var config = request.Config;
    config.Validate(request.Args);
    using var container = string.IsNullOrEmpty(request.NetNs) ? null : ContainerNamespace.TryOpen(request.NetNs);

    // The kernel's deletion of the veth pair (tens of milliseconds) overlaps the rest.
    await ContainerLinkDeletion.AlongsideAsync(container, request.IfName, async () =>
    {
        if (config.HasIpam)
        {
            await PluginIpam.DelAsync(request, cancellationToken);
        }

        if (config.MacSpoofCheck)
        {
            await new MacSpoofCheck(request.ContainerId, request.IfName, request.Logger).TearDownAsync(cancellationToken);
        }

        if (config.HasIpam && config.IPMasq)
        {
            await new IpMasquerade(config.Name, request.IfName, request.ContainerId, request.Logger).TearDownAsync(cancellationToken);
        }
    });
});

// CHECK: IPAM still holds the allocation, and the interfaces, addresses and routes ADD reported
// (prevResult) are still there.
plugin.OnCheck(async (request, cancellationToken) =>
{
    request.Config.Validate(request.Args);
    using var container = ContainerNamespace.Open(request.NetNs!);
    await PluginIpam.CheckAsync(request, cancellationToken);
    using var node = NetlinkSocket.Open();
    BridgeCheck.Run(request, node, container);
});

// GC and STATUS (spec 1.1.0; the reference bridge has neither). GC: IPAM releases what no valid
// attachment holds, and the masquerade chains of containers that are gone are removed. STATUS:
// whether IPAM could serve an ADD. Without IPAM there is nothing to do.
plugin.OnGc(async (request, cancellationToken) =>
{
    if (request.Config.HasIpam)
    {
        await PluginIpam.CollectGarbageAsync(request, cancellationToken);
        if (request.Config.IPMasq)
        {
            await IpMasquerade.CollectGarbageAsync(request.Config.Name, IpamAttachments.FromOrEmpty(request), cancellationToken);
        }
    }
});

plugin.OnStatus(async (request, cancellationToken) =>
{
    if (request.Config.HasIpam)
    {
        await PluginIpam.CheckStatusAsync(request, cancellationToken);
    }
});

return await plugin.RunAsync();
