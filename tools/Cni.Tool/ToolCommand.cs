using System.CommandLine;
using Cni.Tool.Bench;
using Cni.Tool.Conform;
using Cni.Tool.Verbs;

namespace Cni.Tool;

/// <summary>The root of <c>cni</c>: cnitool's verbs, then <c>conform</c> and <c>bench</c>.</summary>
internal static class ToolCommand
{
    /// <summary>Exit status of a run that stopped on an error the command did not turn into a result.</summary>
    public const int Unexpected = 2;

    /// <summary>
    /// Parses and runs <paramref name="args"/>. Any exception a command lets through becomes one line on
    /// stderr (<c>cni VERB: message</c>) and exit status 2, never a stack trace. A termination request
    /// (Ctrl+C, SIGTERM) cancels the command, which gets time to delete its namespaces and processes.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parsed = Create().Parse(args);
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        try
        {
            return await parsed.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var message = e is OperationCanceledException ? "cancelled" : OneLine(e);
            await Console.Error.WriteLineAsync($"cni {parsed.CommandResult.Command.Name}: {message}").ConfigureAwait(false);
            return Unexpected;
        }
    }

    /// <summary>The message of <paramref name="exception"/> on one line; the type is named when it is not the tool's own.</summary>
    public static string OneLine(Exception exception)
    {
        var message = string.Join(' ', exception.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return exception is ToolException ? message : $"{exception.GetType().Name}: {message}";
    }

    public static RootCommand Create()
    {
        var root = new RootCommand(
            """
            cni: drive CNI plugins the way a container runtime does, check that a plugin follows the spec, and measure it.

            The network verbs (add, check, del, gc, status, version) work as the reference cnitool: they load
            the network named <net> from NETCONFPATH, run its plugins found on CNI_PATH through Cni.Spec's
            CniRuntime (libcni's rules), and keep results in libcni's cache format, so libcni and cni read
            each other's cache. The container ID is derived from the netns path as cnitool derives it.

            Environment:
              NETCONFPATH  directory of *.conflist, *.conf and *.json files (default /etc/cni/net.d)
              CNI_PATH     plugin directories, separated by ':'
              CNI_ARGS     'KEY=VALUE;KEY=VALUE' passed to every plugin
              CAP_ARGS     capability arguments as a JSON object, e.g. '{"portMappings":[...]}'
              CNI_IFNAME   interface name in the container (default eth0; --ifname wins)

            Example:
              ip netns add pod1
              CNI_PATH=/opt/cni/bin cni add mynet /var/run/netns/pod1
              CNI_PATH=/opt/cni/bin cni del mynet /var/run/netns/pod1
            """);
        foreach (var verb in NetworkVerbs.Create())
        {
            root.Add(verb);
        }

        root.Add(ConformCommand.Create());
        root.Add(BenchCommand.Create());
        root.Add(MeasureCommand.Create());
        return root;
    }
}
