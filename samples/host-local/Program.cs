// host-local: IP address management with the reference host-local plugin's configuration and files,
// a drop-in for /usr/lib/cni/host-local (both can serve one node at the same time). A main plugin
// (bridge, ptp, ...) runs it with the network configuration it was given; it takes one address from
// each range set and records it as <dataDir>/<network>/<ip>, under a lock, written durably. The rules (ranges, gateways, requested
// IPs, round robin, routes, DNS from resolvConf) live in Cni.Ipam, which plugins can also use in-process.
//
//   {"cniVersion": "1.1.0", "name": "demo", "type": "bridge",
//    "ipam": {"type": "host-local", "subnet": "10.22.0.0/16", "routes": [{"dst": "0.0.0.0/0"}]}}
using Cni;
using Cni.Ipam;
using Microsoft.Extensions.DependencyInjection;

// Only the standard keys: the ipam section is read by Cni.Ipam. Read without JSON metadata to build.
var builder = CniPlugin.CreateBuilder();
builder.Services.AddHostLocalIpam(); // the allocator over the file store, in host-local's disk layout
#if CNI_OPENTELEMETRY
builder.AddOpenTelemetry();   // built with -p:CniOpenTelemetry=true: exports when OTEL_EXPORTER_OTLP_ENDPOINT is set
#endif
var plugin = builder.Build();

// Every command reads the ipam settings (and CNI_ARGS IP=, args, runtimeConfig) the same way.
static (IpamAllocator Allocator, IpamConfiguration Config) Ipam(CniRequest<NetworkConfig> request)
    => (request.Services.GetRequiredService<IpamAllocator>(), IpamConfiguration.Load(request));

// ADD: an address from every range set, with gateways, routes and DNS. A second ADD for the same
// container and interface is an error; a failure part-way releases what it took.
plugin.OnAdd((request, cancellationToken) =>
{
    var (allocator, config) = Ipam(request);
    return allocator.AddAsync(config, request.ContainerId, request.IfName, cancellationToken);
});

// DEL: release what the container and interface hold; nothing held is a success.
plugin.OnDel((request, cancellationToken) =>
{
    var (allocator, config) = Ipam(request);
    return allocator.DeleteAsync(config, request.ContainerId, request.IfName, cancellationToken);
});

// CHECK: the container and interface still hold an address.
plugin.OnCheck((request, cancellationToken) =>
{
    var (allocator, config) = Ipam(request);
    return allocator.CheckAsync(config, request.ContainerId, request.IfName, cancellationToken);
});

// GC (1.1.0): release every allocation whose attachment the runtime no longer lists as valid,
// and files a crash left half-written. libcni leaves the key out when no attachment is valid.
plugin.OnGc((request, cancellationToken) =>
{
    var (allocator, config) = Ipam(request);
    return allocator.CollectGarbageAsync(config, IpamAttachments.FromOrEmpty(request), cancellationToken);
});

// STATUS (1.1.0): code 50 when an ADD could not succeed (data directory unusable, ranges exhausted).
plugin.OnStatus((request, cancellationToken) =>
{
    var (allocator, config) = Ipam(request);
    return allocator.CheckStatusAsync(config, cancellationToken);
});

return await plugin.RunAsync();
