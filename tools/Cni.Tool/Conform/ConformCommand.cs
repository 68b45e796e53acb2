using System.CommandLine;
using Cni.Tool.Running;

namespace Cni.Tool.Conform;

/// <summary><c>cni conform PLUGIN --config FILE</c>: the conformance checks against any plugin binary.</summary>
internal static class ConformCommand
{
    public static Command Create()
    {
        var plugin = new Argument<string>("plugin") { Description = "The plugin binary to test, e.g. /usr/lib/cni/bridge or artifacts/plugins/bridge." };
        var config = PluginOptions.Config("Its configuration: one plugin's JSON (.conf), not a list; its cniVersion is the version under test.");
        var cniPath = PluginOptions.CniPath();
        var parallel = PluginOptions.Count("--parallel", "", "How many ADDs the parallel check runs at once.", 8, minimum: 2);
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of a table." };
        var markdown = new Option<bool>("--markdown") { Description = "Print the results as a markdown table (for docs)." };
        var prefix = PluginOptions.NamespacePrefix("cni-conform");
        var command = new Command(
            "conform",
            """
            Check a plugin against the CNI spec: runs it (as root) in throwaway network namespaces (a node
            namespace cni-conform-node-* and container namespaces cni-conform-*, all deleted afterwards) with
            the configuration given, and prints one row per check: pass, FAIL with the reason, or skip when
            the check does not apply. Exit status 1 when a check fails (or the command line is wrong), 2 when
            the run could not start or stopped on an error (no plugin, not root, bad configuration); the
            error is one line on stderr.

            Checks: VERSION and version negotiation; environment and configuration validation codes (4, 6, 7);
            ADD at every supported version answers in that version with the right fields; the interface in
            the result has sandbox = CNI_NETNS and valid IP indexes; one JSON document on stdout; CHECK after
            ADD passes and after tampering fails; DEL twice, without ADD, with the netns gone; parallel ADDs
            get distinct addresses; for a 1.1.0 config, STATUS (failing only with 50 or 51, unavailable) and GC
            (releasing what its valid list omits, keeping the rest, seen in host-local's store); unknown keys
            and IgnoreUnknown tolerated.

            Example:
              cni conform /usr/lib/cni/bridge --config bridge.conf
            """)
        {
            plugin, config, cniPath, parallel, json, markdown, prefix,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            Path.GetFullPath(parsed.GetValue(plugin)!), parsed.GetValue(config)!, parsed.GetValue(cniPath)!, parsed.GetValue(parallel),
            parsed.GetValue(json) ? OutputFormat.Json : parsed.GetValue(markdown) ? OutputFormat.Markdown : OutputFormat.Table, parsed.GetValue(prefix)!, cancellationToken));
        return command;
    }

    /// <exception cref="ToolException">The run cannot start: no plugin, not root, a bad configuration (ToolCommand reports it, exit status 2).</exception>
    private static async Task<int> RunAsync(string plugin, string configPath, string cniPath, int parallel, OutputFormat format, string prefix, CancellationToken cancellationToken)
    {
        if (!File.Exists(plugin))
        {
            throw new ToolException($"no plugin at {plugin}");
        }

        using var sandbox = Sandbox.Create(prefix);
        var config = ConfigUnderTest.Load(configPath, Path.Combine(sandbox.Directory, "ipam"));
        if (format == OutputFormat.Table)
        {
            Console.WriteLine($"conform {plugin} with {configPath} (cniVersion {config.Version})");
            Console.WriteLine(ConformReport.Header);
        }

        var conformance = new Conformance(new PluginRunner(plugin, cniPath, sandbox), config, sandbox, parallel);
        var results = await conformance.RunAsync(
            result =>
            {
                if (format == OutputFormat.Table)
                {
                    Console.WriteLine(ConformReport.Row(result));
                }
            },
            cancellationToken).ConfigureAwait(false);
        switch (format)
        {
            case OutputFormat.Json:
                using (var stdout = Console.OpenStandardOutput())
                {
                    await stdout.WriteAsync(ConformReport.Json(plugin, configPath, results), cancellationToken).ConfigureAwait(false);
                }

                break;
            case OutputFormat.Markdown:
                Console.Write(ConformReport.Markdown(results));
                break;
            default:
                Console.WriteLine(ConformReport.Summary(results));
                break;
        }

        return results.Any(r => r.Status == CheckStatus.Fail) ? 1 : 0;
    }
}
