using System.Text.Json;
using Cni;

namespace Ptp;

public sealed partial class PtpConfig
{
    /// <summary>
    /// Reads ptp's own keys by hand, so that no System.Text.Json metadata is built at start-up (see
    /// docs/plugin-host.md, "Startup"). Absent keys keep their defaults; a value of the wrong type is
    /// code 6. The host reads the standard keys (ipam, ipMasq, dns, ...) after this.
    /// </summary>
    public static PtpConfig Read(JsonElement json)
    {
        var keys = new ConfigObject(json);
        var config = new PtpConfig();
        config.Mtu = keys.GetInt32("mtu", config.Mtu);
        config.IPMasqBackend = keys.GetString("ipMasqBackend", config.IPMasqBackend);
        return config;
    }
}
