namespace Cni;

/// <summary>
/// The result of ADD (and the <c>prevResult</c> a chained plugin receives), in the model of the
/// newest spec version. It is read from and written in every spec version; converting to an
/// older version drops or reshapes fields as libcni does (see docs/results.md).
/// </summary>
public sealed partial class CniResult
{
    /// <summary>The interfaces the plugin created or configured (0.3.0 and later).</summary>
    public IList<CniInterface> Interfaces { get; } = [];

    /// <summary>The IP addresses assigned.</summary>
    public IList<CniIPConfig> IPs { get; } = [];

    /// <summary>The routes created.</summary>
    public IList<CniRoute> Routes { get; } = [];

    /// <summary>DNS settings; empty when the plugin sets none.</summary>
    public CniDns Dns { get; set; } = new();
}
