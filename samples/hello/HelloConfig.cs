using System.Net;
using System.Text.Json.Serialization;
using Cni;

namespace Hello;

/// <summary>
/// The hello plugin's configuration: the standard keys (from <see cref="NetworkConfig"/>) plus
/// <c>address</c> and <c>gateway</c>.
/// </summary>
public sealed class HelloConfig : NetworkConfig
{
    /// <summary>The address to report, for example <c>10.22.0.5/24</c> (<c>address</c>, required).</summary>
    [JsonPropertyName("address")]
    public string? Address { get; set; }

    /// <summary>The gateway to report, for example <c>10.22.0.1</c> (<c>gateway</c>, optional).</summary>
    [JsonPropertyName("gateway")]
    public string? Gateway { get; set; }

    /// <summary>The address; a code 7 error (invalid network config) when the config has none or it is not a CIDR.</summary>
    [JsonIgnore]
    public IPCidr RequiredAddress
        => Address is null ? throw new CniException(CniErrorCode.InvalidNetworkConfig, "hello: \"address\" is required", "for example \"address\": \"10.22.0.5/24\"")
            : IPCidr.TryParse(Address, out var address) ? address
            : throw new CniException(CniErrorCode.InvalidNetworkConfig, "hello: \"address\" is not an address with a prefix length", Address);

    /// <summary>The gateway, if any; a code 7 error when it is not an IP address.</summary>
    [JsonIgnore]
    public IPAddress? GatewayAddress
        => Gateway is null ? null
            : IPAddress.TryParse(Gateway, out var gateway) ? gateway
            : throw new CniException(CniErrorCode.InvalidNetworkConfig, "hello: \"gateway\" is not an IP address", Gateway);
}
