// hello: the smallest useful CNI plugin. It reports the address its configuration names on the
// interface the runtime asks for, and touches no kernel state. Everything else a plugin must do
// (CNI_* variables, validation, VERSION, errors, result versions) is done by the plugin host.
//
//   {"cniVersion": "1.1.0", "name": "demo", "type": "hello", "address": "10.22.0.5/24", "gateway": "10.22.0.1"}
using Cni;
using Hello;

var builder = CniPlugin.CreateBuilder(() => HelloJson.Default.HelloConfig);
builder.About = "CNI hello plugin version 1.0.0";
var plugin = builder.Build();

// ADD: one interface (CNI_IFNAME inside CNI_NETNS) holding the configured address.
// The host writes the result in the configuration's cniVersion.
plugin.OnAdd((request, cancellationToken) =>
{
    var result = new CniResult();
    result.Interfaces.Add(new CniInterface { Name = request.IfName, Sandbox = request.NetNs });
    result.IPs.Add(new CniIPConfig
    {
        Address = request.Config.RequiredAddress,
        Gateway = request.Config.GatewayAddress,
        Interface = 0,
    });
    return Task.FromResult(result);
});

// CHECK: what ADD reported (prevResult) must still hold our address on our interface.
plugin.OnCheck((request, cancellationToken) =>
{
    var address = request.Config.RequiredAddress;
    var previous = request.PrevResult
        ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, "hello: CHECK needs a prevResult");
    var found = previous.IPs.Any(ip =>
        ip.Address == address
        && ip.Interface is int index
        && index < previous.Interfaces.Count
        && previous.Interfaces[index].Name == request.IfName);
    return found
        ? Task.CompletedTask
        : throw new CniException($"hello: prevResult has no address {address} on {request.IfName}");
});

// DEL, GC, STATUS: ADD made nothing, so there is nothing to release, and hello is always ready.
plugin.OnDel((request, cancellationToken) => Task.CompletedTask);
plugin.OnGc((request, cancellationToken) => Task.CompletedTask);
plugin.OnStatus((request, cancellationToken) => Task.CompletedTask);

return await plugin.RunAsync();
