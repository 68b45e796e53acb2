namespace Cni.Plugins;

/// <summary>The tool <see cref="IpMasquerade"/> writes its rules with (the configuration's <c>ipMasqBackend</c>).</summary>
public enum IpMasqueradeBackend
{
    /// <summary><c>iptables</c>: a chain per container in table nat, as the reference 1.1.1 makes it (the default).</summary>
    Iptables,

    /// <summary><c>nftables</c>: rules in table <c>inet cni_plugins_masquerade</c>, as the reference 1.5+ makes them.</summary>
    Nftables,
}
