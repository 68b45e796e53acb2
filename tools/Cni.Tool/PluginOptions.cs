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

    /// <summary>An integer option that must be at least <paramref name="minimum"/>.</summary>
    public static Option<int> Count(string name, string alias, string description, int defaultValue, int minimum)
    {
        var option = new Option<int>(name, alias.Length > 0 ? [alias] : []) { Description = description, HelpName = "n", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
            {
                result.AddError($"{name} must be at least {minimum}.");
            }
        });
        return option;
    }

    /// <summary>The start of the names of the namespaces a run creates (the node's is PREFIX-node-ID, containers' PREFIX-ID-N).</summary>
    public static Option<string> NamespacePrefix(string defaultPrefix)
    {
        var option = new Option<string>("--netns-prefix")
        {
            Description = "Start of the names of the throwaway namespaces: PREFIX-node-ID for the node, PREFIX-ID-N for containers.",
            HelpName = "prefix",
            DefaultValueFactory = _ => defaultPrefix,
        };
        option.Validators.Add(result =>
        {
            var prefix = result.GetValueOrDefault<string>();
            if (prefix.Length is 0 or > 32 || !char.IsAsciiLetterOrDigit(prefix[0]) || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                result.AddError("--netns-prefix must be 1 to 32 letters, digits, '-', '_' or '.', starting with a letter or digit.");
            }
        });
        return option;
    }

    public static Option<string> CniPath() => new("--cni-path")
    {
        Description = "Where the plugin finds the plugins it delegates to (IPAM), after its own folder (default: CNI_PATH, else /usr/lib/cni).",
        HelpName = "dirs",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CNI_PATH") ?? "/usr/lib/cni",
    };
}
