using System.CommandLine;

namespace Cni.Tool.Verbs;

/// <summary>
/// cnitool's verbs: <c>add|check|del|gc|status|version &lt;net&gt; &lt;netns&gt;</c> over <see cref="CniRuntime"/>.
/// Errors go to stderr as <c>msg</c> or <c>msg; details</c> (Go's error text) with exit status 1.
/// </summary>
internal static class NetworkVerbs
{
    private static readonly Option<string> s_ifName = new("--ifname", "-i")
    {
        Description = "Interface name in the container (default: CNI_IFNAME, else eth0).",
        HelpName = "name",
    };

    private static readonly Option<string> s_cacheDir = new("--cache-dir")
    {
        Description = "Where results are cached, in libcni's format (default: /var/lib/cni, libcni's).",
        HelpName = "dir",
        DefaultValueFactory = _ => CniRuntimeOptions.DefaultCacheDirectory,
    };

    public static IEnumerable<Command> Create()
    {
        yield return Verb("add", "Attach the container to the network: ADD through every plugin in order; prints the result and caches it.", required: true, RunAddAsync);
        yield return Verb("check", "Check the attachment against the cached result: CHECK through every plugin (config version 0.4.0 or later).", required: true, RunCheckAsync);
        yield return Verb("del", "Detach the container: DEL through every plugin in reverse order with the cached result, then drop the cache entry.", required: true, RunDelAsync);
        yield return Verb("gc", "Garbage-collect: DEL every cached attachment of the network (none is kept valid, as cnitool), then GC to every plugin (1.1.0).", required: false, RunGcAsync);
        yield return Verb("status", "Ask every plugin whether it is ready for ADD: STATUS (1.1.0; older networks always succeed).", required: false, RunStatusAsync);
        yield return Verb("version", "Print the CNI versions each plugin of the network supports (VERSION).", required: false, RunVersionAsync);
    }

    private static Command Verb(string name, string description, bool required, Func<Invocation, CancellationToken, Task> run)
    {
        var network = new Argument<string>("net") { Description = "The network name: the \"name\" of a configuration in NETCONFPATH." };
        var netNs = new Argument<string>("netns")
        {
            Description = required ? "The container's network namespace, e.g. /var/run/netns/pod1." : "Accepted for cnitool compatibility; not used.",
            Arity = required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
        };
        var command = new Command(name, description) { network, netNs, s_ifName, s_cacheDir };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            try
            {
                await run(new Invocation(parsed.GetValue(network)!, parsed.GetValue(netNs), parsed.GetValue(s_ifName), parsed.GetValue(s_cacheDir)!), cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (CniException e)
            {
                await Console.Error.WriteLineAsync(string.IsNullOrEmpty(e.Details) ? e.Message : $"{e.Message}; {e.Details}").ConfigureAwait(false);
            }
            catch (Exception e) when (e is ToolException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            }

            return 1;
        });
        return command;
    }

    private static async Task RunAddAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var (network, attachment) = invocation.Load();
        var result = await invocation.Runtime().AddAsync(network, attachment, cancellationToken).ConfigureAwait(false);
        using var stdout = Console.OpenStandardOutput();
        await stdout.WriteAsync(result.ToUtf8Json(network.CniVersion), cancellationToken).ConfigureAwait(false);
    }

    private static Task RunCheckAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var (network, attachment) = invocation.Load();
        return invocation.Runtime().CheckAsync(network, attachment, cancellationToken);
    }

    private static Task RunDelAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var (network, attachment) = invocation.Load();
        return invocation.Runtime().DeleteAsync(network, attachment, cancellationToken);
    }

    private static Task RunGcAsync(Invocation invocation, CancellationToken cancellationToken)
        => invocation.Runtime().CollectGarbageAsync(invocation.LoadNetwork(), [], cancellationToken);

    private static Task RunStatusAsync(Invocation invocation, CancellationToken cancellationToken)
        => invocation.Runtime().StatusAsync(invocation.LoadNetwork(), cancellationToken);

    private static async Task RunVersionAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var network = invocation.LoadNetwork();
        var invoker = new CniPluginInvoker();
        foreach (var plugin in network.Plugins)
        {
            var info = await invoker.GetVersionInfoAsync(invoker.FindInPath(plugin.Type, ToolEnvironment.PluginPaths), cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"{plugin.Type}: {string.Join(", ", info.SupportedVersions.Versions)}").ConfigureAwait(false);
        }
    }
}
