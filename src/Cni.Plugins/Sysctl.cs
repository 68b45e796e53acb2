using System.Globalization;
using System.Net.Sockets;

namespace Cni.Plugins;

/// <summary>
/// Network sysctls (<c>/proc/sys/net/...</c>) of the namespace the calling thread is in: the
/// node's from the plugin's own threads, a container's inside <see cref="Netlink.NetworkNamespace.Run"/>.
/// Keys are paths under /proc/sys, such as <c>net/ipv4/ip_forward</c>.
/// </summary>
public static class Sysctl
{
    /// <summary>Reads a value, without its trailing newline.</summary>
    /// <param name="key">The key, such as <c>net/ipv4/ip_forward</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="IOException">The key does not exist or cannot be read.</exception>
    public static string Read(string key) => File.ReadAllText(PathOf(key)).Trim();

    /// <summary>Writes a value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="IOException">The key does not exist or the kernel refused the value.</exception>
    public static void Write(string key, string value) => File.WriteAllText(PathOf(key), value);

    /// <summary>
    /// Writes a setting that only tunes an interface (accept_ra, arp_notify and the like); a
    /// missing key or a read-only /proc/sys is no failure, as in the reference (a kernel without
    /// IPv6 has no IPv6 keys).
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public static void TryWrite(string key, string value)
    {
        try
        {
            Write(key, value);
        }
        catch (IOException)
        {
            // The reference ignores these errors too.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise: a read-only /proc/sys leaves the kernel's default.
        }
    }

    /// <summary>Turns on forwarding of a family (<c>ip_forward</c> / <c>all.forwarding</c>), writing only when it is off.</summary>
    /// <param name="family">IPv4 or IPv6.</param>
    /// <exception cref="IOException">The kernel refused.</exception>
    public static void EnableForwarding(AddressFamily family)
    {
        var key = family == AddressFamily.InterNetwork ? "net/ipv4/ip_forward" : "net/ipv6/conf/all/forwarding";
        if (Read(key) != "1")
        {
            Write(key, "1");
        }
    }

    /// <summary>
    /// Turns IPv6 on for an interface (<c>disable_ipv6=0</c>) when it is off, as the reference
    /// does before adding an IPv6 address; an unreadable key is logged on stderr and skipped, as
    /// the reference does.
    /// </summary>
    /// <param name="ifName">The interface, in the namespace of the calling thread.</param>
    /// <exception cref="CniException">The key says IPv6 is off and cannot be changed.</exception>
    public static void EnableIPv6(string ifName)
    {
        var key = $"net/ipv6/conf/{ifName}/disable_ipv6";
        string value;
        try
        {
            value = Read(key);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"ipam_linux: failed to read sysctl {key.Replace('/', '.')}: {e.Message}");
            return;
        }

        if (value != "0")
        {
            try
            {
                Write(key, "0");
            }
            catch (IOException e)
            {
                throw new CniException(string.Create(CultureInfo.InvariantCulture, $"failed to enable IPv6 for interface \"{ifName}\" ({key.Replace('/', '.')}={value}): {e.Message}"), e);
            }
        }
    }

    private static string PathOf(string key) => "/proc/sys/" + key;
}
