using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Cni;
using Microsoft.Extensions.Configuration;

namespace NodeAgent;

/// <summary>What the agent is told on its command line (<c>--key value</c>).</summary>
internal sealed record AgentSettings
{
    public const string Usage = """
        usage: node-agent --underlay-address IP --cluster-cidr CIDR --etcd-endpoints URL[,URL...] [options]
          --node-name NAME          this node's name in the cluster (default: the host name)
          --mode host-gw|vxlan      how other nodes' blocks are reached (default: vxlan)
          --block-prefix-length N   the size of each node's block (default: 24)
          --etcd-prefix PREFIX      where the blocks live in etcd (default: /cni/cluster)
          --lease-ttl SECONDS       how long a silent node stays in the cluster (default: 10)
          --grace-period SECONDS    how long a departed node's block stays its own (default: 60)
          --conf-dir DIR            the runtime's CNI configuration directory (default: /etc/cni/net.d)
          --ipam-data-dir DIR       host-local's data directory (default: its own, /var/lib/cni/networks)
          --ready-file PATH         a file written once the node is ready (configuration written, routes in place)
          --log-format simple|json  one line of text per event, or one JSON object per line with the
                                    message template's fields and the node's name (default: simple)
        """;

    public required string NodeName { get; init; }

    public required IPAddress UnderlayAddress { get; init; }

    public required IPCidr ClusterCidr { get; init; }

    public required IReadOnlyList<Uri> EtcdEndpoints { get; init; }

    public required bool Vxlan { get; init; }

    public int BlockPrefixLength { get; init; } = 24;

    public string EtcdPrefix { get; init; } = "/cni/cluster";

    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(60);

    public string ConfigDirectory { get; init; } = "/etc/cni/net.d";

    public string? IpamDataDirectory { get; init; }

    public string? ReadyFile { get; init; }

    /// <summary>Log one JSON object per line (<c>--log-format json</c>) instead of a line of text.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>Reads the settings; on a missing or malformed one says which, in one line.</summary>
    public static bool TryRead(IConfiguration configuration, [NotNullWhen(true)] out AgentSettings? settings, [NotNullWhen(false)] out string? problem)
    {
        settings = null;
        try
        {
            var mode = configuration["mode"] ?? "vxlan";
            if (mode is not ("host-gw" or "vxlan"))
            {
                throw new FormatException($"--mode must be host-gw or vxlan, not \"{mode}\"");
            }

            var logFormat = configuration["log-format"] ?? "simple";
            if (logFormat is not ("simple" or "json"))
            {
                throw new FormatException($"--log-format must be simple or json, not \"{logFormat}\"");
            }

            settings = new AgentSettings
            {
                NodeName = configuration["node-name"] ?? Environment.MachineName,
                UnderlayAddress = IPAddress.TryParse(Required(configuration, "underlay-address"), out var underlay) ? underlay : throw new FormatException("--underlay-address is not an IP address"),
                ClusterCidr = IPCidr.TryParse(Required(configuration, "cluster-cidr"), out var cidr) ? cidr : throw new FormatException("--cluster-cidr is not a CIDR"),
                EtcdEndpoints = [.. Required(configuration, "etcd-endpoints").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Endpoint)],
                Vxlan = mode == "vxlan",
                BlockPrefixLength = Number(configuration, "block-prefix-length") ?? 24,
                EtcdPrefix = configuration["etcd-prefix"] ?? "/cni/cluster",
                LeaseTtl = TimeSpan.FromSeconds(Number(configuration, "lease-ttl") ?? 10),
                GracePeriod = TimeSpan.FromSeconds(Number(configuration, "grace-period") ?? 60),
                ConfigDirectory = configuration["conf-dir"] ?? "/etc/cni/net.d",
                IpamDataDirectory = configuration["ipam-data-dir"],
                ReadyFile = configuration["ready-file"],
                JsonLogs = logFormat == "json",
            };
            problem = null;
            return true;
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return false;
        }
    }

    private static string Required(IConfiguration configuration, string key)
        => configuration[key] is { Length: > 0 } value ? value : throw new FormatException($"--{key} is required");

    private static int? Number(IConfiguration configuration, string key)
        => configuration[key] is not { } text ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
            : throw new FormatException($"--{key} must be a whole number, not \"{text}\"");

    private static Uri Endpoint(string text)
        => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : throw new FormatException($"--etcd-endpoints: \"{text}\" is not an http or https URL");
}
