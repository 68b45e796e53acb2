namespace Cni.Tests.PluginHost;

/// <summary>Plugins built for the host tests.</summary>
internal static class TestPlugins
{
    public const string Bridge = "/usr/lib/cni/bridge";

    /// <summary>The versions the reference (Debian's bridge, libcni 1.1.2) supports, so outputs compare byte for byte.</summary>
    public static SupportedVersions ReferenceVersions { get; } = SupportedVersions.Of(CniVersion.All.Where(v => v <= CniVersion.V100));

    /// <summary>A plugin whose handlers record the request and succeed; ADD returns one address.</summary>
    public static CniPlugin<HostTestConfig> Recording(Action<CniRequest<HostTestConfig>>? seen = null, SupportedVersions? versions = null)
    {
        var builder = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig);
        builder.SupportedVersions = versions ?? SupportedVersions.All;
        builder.About = "CNI bridge plugin version unknown";
        var plugin = builder.Build();
        plugin.OnAdd((request, _) =>
        {
            seen?.Invoke(request);
            var result = new CniResult();
            result.Interfaces.Add(new CniInterface { Name = request.IfName, Sandbox = request.NetNs });
            result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("10.9.0.5/24"), Interface = 0 });
            return Task.FromResult(result);
        });
        plugin.OnDel((request, _) => Record(seen, request));
        plugin.OnCheck((request, _) => Record(seen, request));
        plugin.OnGc((request, _) => Record(seen, request));
        plugin.OnStatus((request, _) => Record(seen, request));
        return plugin;
    }

    /// <summary>The environment of an ADD that passes validation (its namespace path does not exist).</summary>
    public static Dictionary<string, string> AddEnvironment(string command = "ADD") => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = "cnit-ctr1",
        ["CNI_NETNS"] = "/var/run/netns/cnit-does-not-exist",
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/opt/cni/bin",
    };

    public static string Config(string version = "1.0.0") => $$"""{"cniVersion":"{{version}}","name":"cnit-net","type":"bridge"}""";

    private static Task Record(Action<CniRequest<HostTestConfig>>? seen, CniRequest<HostTestConfig> request)
    {
        seen?.Invoke(request);
        return Task.CompletedTask;
    }
}
