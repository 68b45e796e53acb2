// MyPlugin, a CNI plugin. ADD gives the container an interface named CNI_IFNAME, one end of a veth
// pair whose other end stays on the node, holding addresses that host-local's rules allocate in this
// process (Cni.Ipam, with the same files on disk as the host-local binary). A configuration for it:
//
//   {"cniVersion": "1.1.0", "name": "mynet", "type": "MyPlugin", "mtu": 1400,
//    "ipam": {"type": "host-local", "subnet": "10.88.0.0/24", "routes": [{"dst": "0.0.0.0/0"}]}}
//
// The plugin host (Cni.Spec) does the rest of the protocol: it reads CNI_* and the configuration,
// validates both as the reference plugins do, answers VERSION, writes the result in the
// configuration's cniVersion, and turns every exception into a spec error on stdout.
using Cni;
using Cni.Ipam;
using Microsoft.Extensions.DependencyInjection;
using MyPlugin;

var builder = CniPlugin.CreateBuilder(MyPluginConfig.Read);
builder.About = "CNI MyPlugin plugin version 1.0.0";
builder.Services.AddHostLocalIpam();   // IpamAllocator over host-local's files (ipam.dataDir, default /var/lib/cni/networks)
var plugin = builder.Build();

// ADD: allocate the addresses, then make the veth pair. If making it fails, the addresses are
// released again, so a failed ADD leaves nothing behind.
plugin.OnAdd(async (request, cancellationToken) =>
{
    var ipam = HostLocalIpam(request);
    var allocator = request.Services.GetRequiredService<IpamAllocator>();
    var result = await allocator.AddAsync(ipam, request.ContainerId, request.IfName, cancellationToken);
    try
    {
        var (node, container) = VethPair.Create(request.NetNs!, request.IfName, request.Config.Mtu, result);
        result.Interfaces.Add(node);
        result.Interfaces.Add(container);
        foreach (var ip in result.IPs)
        {
            ip.Interface = 1;   // the addresses are on the container's end
        }
    }
    catch
    {
        await allocator.DeleteAsync(ipam, request.ContainerId, request.IfName, CancellationToken.None);
        throw;
    }

    return result;   // written in the configuration's cniVersion
});

// DEL: release the addresses and delete the pair. Whatever is gone already counts as done:
// runtimes send DEL more than once, and after the container's namespace is gone.
plugin.OnDel(async (request, cancellationToken) =>
{
    await request.Services.GetRequiredService<IpamAllocator>()
        .DeleteAsync(HostLocalIpam(request), request.ContainerId, request.IfName, cancellationToken);
    if (!string.IsNullOrEmpty(request.NetNs))
    {
        VethPair.Delete(request.NetNs, request.IfName);
    }
});

// CHECK: what ADD reported (prevResult) must still hold: the allocation, and the interface with
// its addresses. Any difference is an error.
plugin.OnCheck(async (request, cancellationToken) =>
{
    var expected = request.PrevResult
        ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, "MyPlugin: CHECK needs a prevResult");
    await request.Services.GetRequiredService<IpamAllocator>()
        .CheckAsync(HostLocalIpam(request), request.ContainerId, request.IfName, cancellationToken);
    VethPair.Check(request.NetNs!, request.IfName, expected);
});

// GC (spec 1.1.0): release every allocation of this network that no valid attachment holds.
plugin.OnGc(async (request, cancellationToken) =>
{
    await request.Services.GetRequiredService<IpamAllocator>()
        .CollectGarbageAsync(HostLocalIpam(request), IpamAttachments.FromOrEmpty(request), cancellationToken);
});

// STATUS (spec 1.1.0): whether an ADD could get an address now.
plugin.OnStatus((request, cancellationToken) =>
    request.Services.GetRequiredService<IpamAllocator>().CheckStatusAsync(HostLocalIpam(request), cancellationToken));

return await plugin.RunAsync();

// The "ipam" object, read and checked with host-local's rules and messages. Another IPAM type would
// be run as a plugin of its own: ICniPluginInvoker.DelegateAddAsync and friends (AddCniPluginInvoker).
static IpamConfiguration HostLocalIpam(CniRequest<MyPluginConfig> request)
    => request.Config.Ipam?.Type == "host-local"
        ? IpamConfiguration.Load(request)
        : throw new CniException(CniErrorCode.InvalidNetworkConfig, "MyPlugin: \"ipam\" must have \"type\": \"host-local\"", $"ipam.type: {request.Config.Ipam?.Type ?? "(none)"}");
