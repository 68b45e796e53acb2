using System.Text.Json;
using Cni.Internal.Json;

namespace Cni.Internal.Config;

/// <summary>
/// How a part of the configuration words its decoding errors (code 6): the network configuration's
/// (<c>error parsing configuration: $.mtu must be ...</c>), or the <c>ipam</c> object's, which also names the
/// key in the error's details, as host-local's reader always did.
/// </summary>
internal sealed class ConfigErrors(string prefix, bool keyInDetails)
{
    /// <summary>Errors of the network configuration's keys.</summary>
    public static ConfigErrors Network { get; } = new("error parsing configuration: ", keyInDetails: false);

    /// <summary>Errors of the keys inside the <c>ipam</c> object.</summary>
    public static ConfigErrors Ipam { get; } = new("error parsing ipam configuration: ", keyInDetails: true);

    public void RequireKind(JsonElement value, JsonValueKind kind, string path)
    {
        if (value.ValueKind != kind)
        {
            Throw(path, $"{path} must be {JsonKinds.Describe(kind)}, not {JsonKinds.Describe(value.ValueKind)}");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void Throw(string path, string message)
        => throw new CniException(CniErrorCode.DecodingFailure, prefix + message, keyInDetails ? $"at {path}" : null);
}
