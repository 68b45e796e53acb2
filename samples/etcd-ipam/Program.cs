// etcd-ipam: host-local's IP address management (the same range configuration and rules) with the
// allocations kept in etcd, so every node of a cluster allocates from one address space and no
// address is ever handed out twice. Compared with samples/host-local/Program.cs only the store differs.
//
//   {"cniVersion": "1.1.0", "name": "demo", "type": "bridge",
//    "ipam": {"type": "etcd-ipam", "subnet": "10.22.0.0/16",
//             "etcd": {"endpoints": ["http://127.0.0.1:2379"], "prefix": "/cni/ipam"}}}
using Cni;
using Cni.Ipam;
using Microsoft.Extensions.DependencyInjection;

// Only the standard keys (NetworkConfig's generated reader, no JSON metadata to build); the ipam section is read by Cni.Ipam.
var builder = CniPlugin.CreateBuilder();
builder.Services.AddEtcdIpam(); // the allocator over the etcd store (package Cni.Ipam.Etcd), connected as ipam.etcd says
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
