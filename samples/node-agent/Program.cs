// node-agent: one per node of a cluster pod network. It claims the node's pod block in etcd, writes the
// node's CNI configuration (bridge, host-local over the block, portmap), masquerades only traffic that
// leaves the cluster's pod network, and keeps a route to every other node's block, through the
// other node's underlay address (host-gw) or one VXLAN device (vxlan), as nodes join and leave.
//
//   node-agent --node-name node-a --underlay-address 192.168.77.1 --cluster-cidr 10.244.0.0/16 \
//              --etcd-endpoints http://192.168.77.254:2379 --mode vxlan
//
// Stopped (SIGTERM, Ctrl+C), it leaves the kernel and the configuration as they are: a restart takes
// its block back and finds its routes. Stopped for good, its lease expires and the other nodes drop it.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodeAgent;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(AgentSettings.Usage);
    return 0;
}

var builder = Host.CreateEmptyApplicationBuilder(new() { Args = args });
builder.Configuration.AddCommandLine(args);

if (!AgentSettings.TryRead(builder.Configuration, out var settings, out var problem))
{
    Console.Error.WriteLine($"node-agent: {problem}");
    Console.Error.WriteLine(AgentSettings.Usage);
    return 2;
}

if (settings.JsonLogs)
{
    // One JSON object per line: timestamp (UTC), level, category, message, the message template's
    // fields under "State", and the node's name under "Scopes", for a log collector to index.
    builder.Logging.AddJsonConsole(console =>
    {
        console.IncludeScopes = true;
        console.UseUtcTimestamp = true;
        console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
    });
}
else
{
    builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss.fff "; });
}

builder.Services.AddSingleton(settings);
builder.Services.AddHostedService<Agent>();
await builder.Build().RunAsync();
return Environment.ExitCode;
