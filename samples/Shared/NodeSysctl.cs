using System.Net.Sockets;

namespace Cni.Samples;

/// <summary>
/// Sysctls of the node's namespace, the one this process runs in: every thread of the plugin
/// is in it, so /proc/sys/net is read and written directly.
/// </summary>
internal static class NodeSysctl
{
    public static string Read(string key) => File.ReadAllText(PathOf(key)).Trim();

    public static void Write(string key, string value) => File.WriteAllText(PathOf(key), value);

    /// <summary>Writes a setting that only helps (accept_ra and the like); a missing key is no failure, as in the reference.</summary>
    public static void TryWrite(string key, string value)
    {
        try
        {
            Write(key, value);
        }
        catch (IOException)
        {
            // The reference ignores these errors too (no IPv6 on the node, for example).
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise: a read-only /proc/sys leaves the kernel's default.
        }
    }

    /// <summary>The node forwards the family's packets (ip_forward / all.forwarding), written only when not on yet.</summary>
    public static void EnableForwarding(AddressFamily family)
    {
        var key = family == AddressFamily.InterNetwork ? "net/ipv4/ip_forward" : "net/ipv6/conf/all/forwarding";
        if (Read(key) != "1")
        {
            Write(key, "1");
        }
    }

    private static string PathOf(string key) => "/proc/sys/" + key;
}
