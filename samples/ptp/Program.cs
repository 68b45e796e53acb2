// ptp: gives each container a veth pair and routes it point to point, a drop-in for the reference
// plugin of the same name (same configuration keys, same results, same kernel state). No bridge:
// the node routes every packet to and from the container through the host end of the veth.
//
//   {"cniVersion": "1.0.0", "name": "mynet", "type": "ptp", "ipMasq": true, "mtu": 1400,
//    "ipam": {"type": "host-local", "subnet": "10.33.0.0/24", "routes": [{"dst": "0.0.0.0/0"}]}}
//
// This process runs in the node's network namespace; CNI_NETNS names the container's.
using Cni;
using Cni.Ipam;
using Cni.Netlink;
using Microsoft.Extensions.DependencyInjection;
using Ptp;

var builder = CniPlugin.CreateBuilder(PtpConfig.Read);
builder.About = "CNI ptp plugin version 1.0.0";
builder.Services.AddPluginIpam();   // host-local in this process, any other IPAM type as a plugin
#if CNI_OPENTELEMETRY
builder.AddOpenTelemetry();   // built with -p:CniOpenTelemetry=true: exports when OTEL_EXPORTER_OTLP_ENDPOINT is set
#endif
var plugin = builder.Build();

// ADD: addresses from IPAM, forwarding, the veth pair, the container's addresses and
// point-to-point routes, the node's gateway addresses and host routes, masquerade. If any step
// fails, the rollback undoes the steps before it (the reference leaves the veth behind) and the
// runtime gets the error.
plugin.OnAdd(async (request, cancellationToken) =>
{
    var config = request.Config;
    IpMasqueradeBackend? masqueradeBackend = config.IPMasq ? IpMasquerade.ParseBackend(config.IPMasqBackend) : null;
    using var node = NetlinkSocket.Open();

    // Declared after the node's socket, so it runs (on failure) before that is closed.
    await using var rollback = new Rollback(request.Logger);
    var allocation = await PluginIpam.AddAsync(request, rollback, cancellationToken);
    PtpResult.EnableForwarding(allocation);

    using var container = ContainerNamespace.Open(request.NetNs!);
    var veth = VethPair.Create(node, container, request.IfName, config.Mtu, mac: null, masterIndex: null, rollback);
    var result = PtpResult.Create(request, veth, allocation);

    if (result.IPs.Any(ip => !ip.Address.IsIPv4))
    {
        container.Handle.Run(() => { Sysctl.EnableIPv6("lo"); Sysctl.EnableIPv6(request.IfName); });
    }

    // The reference leaves duplicate address detection on, so an IPv6 address is usable (as a
    // route's source) only once DAD is done: Configure waits for it, on address events.
    ContainerInterface.Configure(container, veth.Container.Index, request.IfName, result, waitForDad: true);
    PointToPoint.RouteContainer(container.Socket, veth.Container.Index, result.IPs);
    PointToPoint.RouteNode(node, veth.Host, result.IPs);

    if (masqueradeBackend is { } backend)
    {
        var masquerade = new IpMasquerade(config.Name, request.IfName, request.ContainerId, request.Logger);
        rollback.Add("remove the masquerade rules", () => masquerade.TearDownAsync(CancellationToken.None));
        await masquerade.SetUpAsync(backend, result.IPs.Select(ip => ip.Address), cancellationToken);
    }

    rollback.Complete();
    return result;
});

// DEL: the IPAM allocation, the container's interface (its veth peer, the node's addresses and
// routes on it go with it), the masquerade rules. Everything already gone counts as done: the
// namespace, the link, the allocation. The rules are found without the container's addresses,
// so they go even when the namespace is gone (the reference leaks them then).
plugin.OnDel(async (request, cancellationToken) =>
{
    var config = request.Config;
    using var container = string.IsNullOrEmpty(request.NetNs) ? null : ContainerNamespace.TryOpen(request.NetNs);

    // The kernel's deletion of the veth pair (tens of milliseconds) overlaps the rest.
    await ContainerLinkDeletion.AlongsideAsync(container, request.IfName, async () =>
    {
        await PluginIpam.DelAsync(request, cancellationToken);
        if (config.IPMasq)
        {
            await new IpMasquerade(config.Name, request.IfName, request.ContainerId, request.Logger).TearDownAsync(cancellationToken);
        }
    });
});

// CHECK: the container's namespace is there, IPAM still holds the allocation, and the container
// interface, addresses and routes ADD reported (prevResult) are still there.
plugin.OnCheck(async (request, cancellationToken) =>
{
    using var container = ContainerNamespace.Open(request.NetNs!);
    await PluginIpam.CheckAsync(request, cancellationToken);
    PtpCheck.Run(request, container);
});

// GC and STATUS (spec 1.1.0; the reference ptp 1.1.1 has neither). GC: IPAM releases what no
// valid attachment holds, and the masquerade rules of attachments that are gone are removed.
// STATUS: whether IPAM could serve an ADD.
plugin.OnGc(async (request, cancellationToken) =>
{
    await PluginIpam.CollectGarbageAsync(request, cancellationToken);
    if (request.Config.IPMasq)
    {
        await IpMasquerade.CollectGarbageAsync(request.Config.Name, IpamAttachments.FromOrEmpty(request), cancellationToken);
    }
});

plugin.OnStatus(PluginIpam.CheckStatusAsync);

return await plugin.RunAsync();
