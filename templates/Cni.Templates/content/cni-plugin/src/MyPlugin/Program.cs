// MyPlugin, a CNI plugin. ADD gives the container an interface named CNI_IFNAME, one end of a veth
// pair whose other end stays on the node, with the addresses and routes IPAM gives: host-local's
// rules run in this process (the same files on disk as the host-local binary), any other IPAM type
// runs as a plugin from CNI_PATH. A configuration for it:
//
//   {"cniVersion": "1.1.0", "name": "mynet", "type": "MyPlugin", "mtu": 1400,
//    "ipam": {"type": "host-local", "subnet": "10.88.0.0/24", "routes": [{"dst": "0.0.0.0/0"}]}}
//
// The plugin host (Cni.Spec) does the rest of the protocol: it reads CNI_* and the configuration,
// validates both as the reference plugins do, answers VERSION, writes the result in the
// configuration's cniVersion, and turns every exception into a spec error on stdout. The building
// blocks (Cni.Plugins) are those of the bridge and ptp plugins, with the reference's error messages.
using Cni;
using Cni.Netlink;
using Cni.Plugins;
using MyPlugin;

var builder = CniPlugin.CreateBuilder(MyPluginConfig.ReadAndValidate);
builder.About = "CNI MyPlugin plugin version 1.0.0";
builder.Services.AddPluginIpam();   // host-local in this process, any other IPAM type as a plugin
var plugin = builder.Build();

// ADD: addresses from IPAM, the veth pair, the container's addresses and routes. If a step fails,
// the rollback undoes the steps before it (newest first), so a failed ADD leaves nothing behind.
plugin.OnAdd(async (request, cancellationToken) =>
{
    await using var rollback = new Rollback(request.Logger);
    var allocation = await PluginIpam.AddAsync(request, rollback, cancellationToken);
    using var node = NetlinkSocket.Open();
    using var container = ContainerNamespace.Open(request.NetNs!);
    var veth = VethPair.Create(node, container, request.IfName, request.Config.Mtu, mac: null, masterIndex: null, rollback);

    var result = new CniResult { Dns = allocation.Dns };
    result.Interfaces.Add(veth.Host.ToCniInterface());
    result.Interfaces.Add(veth.Container.ToCniInterface(request.NetNs));
    foreach (var ip in allocation.IPs)
    {
        ip.Interface = 1;   // the addresses are on the container's end
        result.IPs.Add(ip);
    }

    foreach (var route in allocation.Routes)
    {
        result.Routes.Add(route);
    }

    ContainerInterface.Configure(container, veth.Container.Index, request.IfName, result, waitForDad: true);
    rollback.Complete();
    return result;   // written in the configuration's cniVersion
});

// DEL: the container's interface (its peer on the node goes with it) and the allocation, side by
// side. Whatever is gone already counts as done: runtimes send DEL more than once, and after the
// container's namespace is gone.
plugin.OnDel(async (request, cancellationToken) =>
{
    using var container = string.IsNullOrEmpty(request.NetNs) ? null : ContainerNamespace.TryOpen(request.NetNs);
    await ContainerLinkDeletion.AlongsideAsync(container, request.IfName, () => PluginIpam.DelAsync(request, cancellationToken));
});

// CHECK: what ADD reported (prevResult) must still hold: the allocation, the interface with its
// addresses, and the routes. Any difference is an error.
plugin.OnCheck(async (request, cancellationToken) =>
{
    var expected = request.PrevResult
        ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, "MyPlugin: CHECK needs a prevResult");
    await PluginIpam.CheckAsync(request, cancellationToken);
    using var container = ContainerNamespace.Open(request.NetNs!);
    ExpectedState.CheckAddresses(container.Socket, request.IfName, expected.IPs);
    ExpectedState.CheckRoutes(container.Socket, expected.Routes);
});

// GC (spec 1.1.0): IPAM releases every allocation of this network that no valid attachment holds.
plugin.OnGc(PluginIpam.CollectGarbageAsync);

// STATUS (spec 1.1.0): whether IPAM could serve an ADD now.
plugin.OnStatus(PluginIpam.CheckStatusAsync);

return await plugin.RunAsync();
