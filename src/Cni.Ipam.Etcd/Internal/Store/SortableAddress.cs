using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cni.Ipam.Etcd.Internal.Store;

/// <summary>
/// Addresses as fixed-width text, so that etcd's byte order of keys is the order of the addresses:
/// <c>010.022.000.005</c>, and IPv6 as eight groups of four lowercase hex digits.
/// </summary>
internal static class SortableAddress
{
    public static string Format(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var text = new StringBuilder(39);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            for (var i = 0; i < 4; i++)
            {
                text.Append(i == 0 ? "" : ".").Append(bytes[i].ToString("D3", CultureInfo.InvariantCulture));
            }
        }
        else
        {
            for (var i = 0; i < 16; i += 2)
            {
                text.Append(i == 0 ? "" : ":").Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture)).Append(bytes[i + 1].ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>Reads the fixed-width form (any ordinary IPv6 form reads too).</summary>
    public static bool TryParse(string text, out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out address);
        }

        // Not IPAddress.TryParse: it reads "010" as octal, as inet_aton does.
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (!byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }
}
