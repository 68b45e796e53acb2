using System.Net;

namespace Cni.Plugins;

/// <summary>Values printed as the reference's error messages print them (Go's %v), so messages match.</summary>
public static class GoText
{
    /// <summary>An address, or <c>&lt;nil&gt;</c>.</summary>
    /// <param name="address">The address, or null.</param>
    /// <returns>The text.</returns>
    public static string Address(IPAddress? address) => address?.ToString() ?? "<nil>";

    /// <summary>A net.IPNet value: <c>{10.22.0.0 ffff0000}</c>, the network address and the mask in hex.</summary>
    /// <param name="network">The network (host bits are dropped).</param>
    /// <returns>The text.</returns>
    public static string Network(IPCidr network) => $"{{{network.Network.BaseAddress} {Mask(network)}}}";

    /// <summary>A net.IPMask: the prefix as mask bytes in hex, <c>ffff0000</c> for /16.</summary>
    /// <param name="network">The network whose prefix length is written.</param>
    /// <returns>The text.</returns>
    public static string Mask(IPCidr network)
    {
        var mask = new byte[network.Address.GetAddressBytes().Length];
        for (var bit = 0; bit < network.PrefixLength; bit++)
        {
            mask[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return Convert.ToHexStringLower(mask);
    }
}
