using System.Globalization;
using System.Net;

namespace Cni.Samples.Tests;

/// <summary>
/// A temporary host-local data directory (deleted on dispose), the configurations that point at it, and
/// what is on disk: host-local's layout, <c>&lt;dataDir&gt;/&lt;network&gt;/&lt;ip&gt;</c> holding
/// <c>containerID\r\nifname</c>, <c>last_reserved_ip.&lt;set&gt;</c> and <c>lock</c>.
/// </summary>
internal sealed class HostLocalDataDir : IDisposable
{
    public const string Network = "cnit-hl";

    /// <summary>Cni.Ipam's file store keeps an index by owner next to the allocations; the reference ignores it.</summary>
    public const string OwnerIndex = ".cni-ipam-index";

    public HostLocalDataDir() => Path = Directory.CreateTempSubdirectory("cnit-hostlocal-").FullName;

    /// <summary>The dataDir the configurations name.</summary>
    public string Path { get; }

    /// <summary>Where the network's files are.</summary>
    public string NetworkPath => System.IO.Path.Combine(Path, Network);

    /// <summary>
    /// A network configuration for host-local: <paramref name="ipam"/> holds the ipam keys other than
    /// <c>type</c> and <c>dataDir</c>, without braces, with single quotes for double quotes
    /// (<c>'subnet':'10.1.0.0/24'</c>) so cases read easily; <paramref name="topLevel"/> likewise.
    /// </summary>
    public string Config(string ipam, string version = "1.0.0", string topLevel = "")
        => ("{'cniVersion':'" + version + "','name':'" + Network + "','type':'host-local'"
            + (topLevel.Length > 0 ? "," + topLevel : "")
            + ",'ipam':{'type':'host-local','dataDir':'" + Path + "'" + (ipam.Length > 0 ? "," + ipam : "") + "}}")
            .Replace('\'', '"');

    /// <summary>Every allocation file: address → its content, <c>containerID\r\nifname</c> as host-local writes it.</summary>
    public SortedDictionary<string, string> Allocations()
    {
        var allocations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(NetworkPath))
        {
            return allocations;
        }

        foreach (var file in Directory.EnumerateFiles(NetworkPath))
        {
            var name = System.IO.Path.GetFileName(file);
            if (IPAddress.TryParse(name, out _))
            {
                allocations[name] = File.ReadAllText(file);
            }
        }

        return allocations;
    }

    /// <summary>
    /// The names of the files in the network's directory, sorted, without <see cref="OwnerIndex"/>, which
    /// only ours writes.
    /// </summary>
    public string[] Files()
        => Directory.Exists(NetworkPath)
            ? [.. Directory.EnumerateFileSystemEntries(NetworkPath).Select(System.IO.Path.GetFileName).Where(name => name != OwnerIndex).Order(StringComparer.Ordinal)!]
            : [];

    /// <summary>The content of <c>last_reserved_ip.&lt;set&gt;</c>, or null when absent.</summary>
    public string? LastReserved(int set)
    {
        var file = System.IO.Path.Combine(NetworkPath, "last_reserved_ip." + set.ToString(CultureInfo.InvariantCulture));
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    /// <summary>Writes an allocation file the way host-local does.</summary>
    public void Allocate(string address, string containerId, string ifName = "eth0")
    {
        Directory.CreateDirectory(NetworkPath);
        File.WriteAllText(System.IO.Path.Combine(NetworkPath, address), containerId + "\r\n" + ifName);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
