using System.Net;

namespace Cni.Tool.Conform;

/// <summary>
/// Reads host-local's store, the reference's on-disk layout (Cni.Ipam's file store writes the same): in
/// <c>dataDir/network</c>, one file per allocated address, named as the address and holding
/// <c>containerID\r\nifname</c> (older host-local wrote only the container ID).
/// </summary>
internal static class HostLocalStore
{
    /// <summary>The addresses the store lists for one attachment, in file name order.</summary>
    public static IReadOnlyList<string> Addresses(string directory, string containerId, string ifName)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var held = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            // lock, last_reserved_ip.N and Cni.Ipam's index are not addresses.
            if (!IPAddress.TryParse(Path.GetFileName(file), out _))
            {
                continue;
            }

            string[] lines;
            try
            {
                lines = File.ReadAllText(file).Split('\n').Select(l => l.Trim()).ToArray();
            }
            catch (FileNotFoundException)
            {
                // Released while the directory was read.
                continue;
            }

            if (lines[0] == containerId && (lines.Length < 2 || lines[1] == ifName))
            {
                held.Add(Path.GetFileName(file));
            }
        }

        return held;
    }
}
