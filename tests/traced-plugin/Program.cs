// cnit-traced: a plugin for the exporter's tests. ADD delegates to the IPAM type the configuration names
// (the same binary, run again without an ipam section) and answers with what it got, or, without an ipam
// section, with the previous result or one address of its own. Every run exports its spans when the
// OTEL_* variables say where to.
using System.Text;
using Cni;
using Cni.OpenTelemetry;

var builder = CniPlugin.CreateBuilder();
builder.About = "CNI cnit-traced plugin (tests)";
builder.AddOpenTelemetry();
var plugin = builder.Build();

plugin.OnAdd(async (request, cancellationToken) =>
{
    var config = request.Config;
    if (config.Ipam is { Type.Length: > 0 } ipam)
    {
        var delegated = Encoding.UTF8.GetBytes($$"""{"cniVersion":"{{config.CniVersion}}","name":"{{config.Name}}","type":"{{ipam.Type}}"}""");
        return await new CniPluginInvoker().DelegateAddAsync(ipam.Type, delegated, cancellationToken);
    }

    if (request.PrevResult is { } previous)
    {
        return previous;
    }

    var result = new CniResult();
    result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("10.99.0.2/24") });
    return result;
});
plugin.OnDel((request, cancellationToken) => Task.CompletedTask);

return await plugin.RunAsync();
