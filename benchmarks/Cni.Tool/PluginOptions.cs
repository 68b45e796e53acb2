using System.CommandLine;

namespace Cni.Tool;

/// <summary>The options <c>conform</c> and <c>bench</c> share: the plugin's configuration and where it finds its IPAM plugin.</summary>
internal static class PluginOptions
{
    public static Option<string> Config(string description) => new("--config", "-c")
    {
        Description = description + " host-local IPAM data is redirected to a temporary directory.",
        HelpName = "file",
        Required = true,
    };

    public static Option<string> CniPath() => new("--cni-path")
    {
        Description = "Where the plugin finds the plugins it delegates to (IPAM), after its own folder (default: CNI_PATH, else /usr/lib/cni).",
        HelpName = "dirs",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CNI_PATH") ?? "/usr/lib/cni",
    };
}
