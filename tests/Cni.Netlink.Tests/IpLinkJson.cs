using System.Diagnostics;
using System.Text.Json;

namespace Cni.Netlink.Tests;

/// <summary>What iproute2 reports of a link (<c>ip -n NS -d -j link show NAME</c>), to compare our read back with.</summary>
internal static class IpLinkJson
{
    public static JsonElement Show(TestNamespace ns, string name)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-n", ns.Name, "-d", "-j", "link", "show", name })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ip link show {name}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement[0].Clone();
    }

    /// <summary>linkinfo.info_data of the link.</summary>
    public static JsonElement InfoData(JsonElement link) => link.GetProperty("linkinfo").GetProperty("info_data");

    /// <summary>linkinfo.info_kind of the link.</summary>
    public static string? Kind(JsonElement link) => link.GetProperty("linkinfo").GetProperty("info_kind").GetString();
}
