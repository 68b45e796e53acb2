namespace Cni;

/// <summary>
/// The error codes of the CNI specification. Codes 0–99 are reserved for the spec; a plugin may use
/// its own codes from 100 on by casting, for example <c>(CniErrorCode)100</c>.
/// </summary>
#pragma warning disable CA1028 // The spec defines codes as unsigned integers; uint keeps every value a runtime can send.
public enum CniErrorCode : uint
#pragma warning restore CA1028
{
    /// <summary>0: no specific code.</summary>
    Unknown = 0,

    /// <summary>1: incompatible CNI version.</summary>
    IncompatibleCniVersion = 1,

    /// <summary>2: unsupported field in the network configuration; the message names the key and value.</summary>
    UnsupportedField = 2,

    /// <summary>3: the container is unknown or does not exist; the runtime need not clean up for it.</summary>
    UnknownContainer = 3,

    /// <summary>4: invalid or missing environment variables; the message names them.</summary>
    InvalidEnvironmentVariables = 4,

    /// <summary>5: an I/O failure, such as a failure to read the network configuration from stdin.</summary>
    IOFailure = 5,

    /// <summary>6: failed to decode content, such as invalid JSON.</summary>
    DecodingFailure = 6,

    /// <summary>7: invalid network configuration; a value failed validation.</summary>
    InvalidNetworkConfig = 7,

    /// <summary>8: invalid network namespace (used by libcni's Go plugins).</summary>
    InvalidNetNs = 8,

    /// <summary>11: try again later; the plugin has a transient condition and the runtime should retry.</summary>
    TryAgainLater = 11,

    /// <summary>50: STATUS: the plugin is not available; ADD would fail.</summary>
    PluginNotAvailable = 50,

    /// <summary>51: STATUS: the plugin is not available, and existing containers may have limited connectivity.</summary>
    LimitedConnectivity = 51,

    /// <summary>999: an internal error in the plugin.</summary>
    Internal = 999,
}
