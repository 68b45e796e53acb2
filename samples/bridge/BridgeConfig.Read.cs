using System.Text.Json;
using Cni;

namespace Bridge;

public sealed partial class BridgeConfig
{
    /// <summary>
    /// Reads the bridge's own keys from the configuration's root object, by hand: System.Text.Json's
    /// metadata for this type, even source-generated, is built at every start (attributes looked up by
    /// reflection), which cost each run more than the reading itself. An absent key keeps the default
    /// its property declares; a value of the wrong type is a decoding error (code 6) naming the key.
    /// The host reads the standard keys after this.
    /// </summary>
    public static BridgeConfig Read(JsonElement json)
    {
        var keys = new ConfigObject(json);
        var config = new BridgeConfig();
        config.BridgeName = keys.GetString("bridge", config.BridgeName);
        config.IsGateway = keys.GetBoolean("isGateway", config.IsGateway);
        config.IsDefaultGateway = keys.GetBoolean("isDefaultGateway", config.IsDefaultGateway);
        config.ForceAddress = keys.GetBoolean("forceAddress", config.ForceAddress);
        config.Mtu = keys.GetInt32("mtu", config.Mtu);
        config.HairpinMode = keys.GetBoolean("hairpinMode", config.HairpinMode);
        config.PromiscMode = keys.GetBoolean("promiscMode", config.PromiscMode);
        config.Vlan = keys.GetInt32("vlan", config.Vlan);
        config.VlanTrunk = keys.GetObjects("vlanTrunk", VlanTrunkEntry.Read);
        config.PreserveDefaultVlan = keys.GetBoolean("preserveDefaultVlan", config.PreserveDefaultVlan);
        config.EnableDad = keys.GetBoolean("enabledad", config.EnableDad);
        config.PortIsolation = keys.GetBoolean("portIsolation", config.PortIsolation);
        config.DisableContainerInterface = keys.GetBoolean("disableContainerInterface", config.DisableContainerInterface);
        config.MacSpoofCheck = keys.GetBoolean("macspoofchk", config.MacSpoofCheck);
        config.IPMasqBackend = keys.GetString("ipMasqBackend", config.IPMasqBackend);
        return config;
    }
}
