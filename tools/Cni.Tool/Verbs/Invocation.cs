namespace Cni.Tool.Verbs;

/// <summary>One run of a network verb: its arguments, and the network and attachment they name.</summary>
internal sealed record Invocation(string Network, string? NetNs, string? IfName, string CacheDirectory)
{
    public NetworkConfigList LoadNetwork() => CniConfigDirectory.Load(ToolEnvironment.ConfigDirectory, Network);

    /// <summary>The network and the attachment, read in cnitool's order: configuration, CAP_ARGS, CNI_ARGS, interface, namespace.</summary>
    public (NetworkConfigList Network, CniAttachmentRequest Attachment) Load()
    {
        var network = LoadNetwork();
        var capabilities = ToolEnvironment.CapabilityArgs();
        var args = ToolEnvironment.CniArgs();
        var ifName = ToolEnvironment.InterfaceName(IfName);
        var netNs = Path.GetFullPath(NetNs!);
        return (network, new CniAttachmentRequest
        {
            ContainerId = ToolEnvironment.ContainerIdOf(netNs),
            NetNs = netNs,
            IfName = ifName,
            Args = args,
            CapabilityArgs = capabilities,
        });
    }

    public CniRuntime Runtime()
    {
        var options = new CniRuntimeOptions { CacheDirectory = CacheDirectory };
        foreach (var path in ToolEnvironment.PluginPaths)
        {
            options.PluginPaths.Add(path);
        }

        return new CniRuntime(options);
    }
}
