using System.Diagnostics;
using System.Text.Json;

namespace Cni.Testing;

/// <summary>iproute2's view of the kernel (ip, bridge, tc with -j), to compare what the library reads back with.</summary>
public static class Iproute2
{
    /// <summary>Runs <c>ip -n NAMESPACE -d -j ARGS</c> and returns its JSON.</summary>
    /// <param name="ns">The namespace to look into.</param>
    /// <param name="arguments">The rest of the command line, for example <c>link show dev eth0</c>.</param>
    /// <returns>The parsed output.</returns>
    public static JsonElement Ip(TestNamespace ns, params string[] arguments) => Json("/usr/sbin/ip", ns, details: true, arguments);

    /// <summary>Runs <c>bridge -n NAMESPACE -d -j ARGS</c> and returns its JSON.</summary>
    /// <param name="ns">The namespace to look into.</param>
    /// <param name="arguments">The rest of the command line, for example <c>vlan show dev eth0</c>.</param>
    /// <returns>The parsed output.</returns>
    public static JsonElement Bridge(TestNamespace ns, params string[] arguments) => Json("/usr/sbin/bridge", ns, details: true, arguments);

    /// <summary>
    /// Runs <c>tc -n NAMESPACE -j ARGS</c> and returns its JSON; without <c>-d</c>, which makes tc print
    /// a tbf's burst and MTU as text ("10Kb/1") instead of numbers.
    /// </summary>
    /// <param name="ns">The namespace to look into.</param>
    /// <param name="arguments">The rest of the command line, for example <c>qdisc show dev eth0</c> (<c>-s</c> first for counters).</param>
    /// <returns>The parsed output.</returns>
    public static JsonElement Tc(TestNamespace ns, params string[] arguments) => Json("/usr/sbin/tc", ns, details: false, arguments);

    /// <summary>iproute2's JSON for one link: <c>ip -d -j link show dev NAME</c>'s only element.</summary>
    /// <param name="ns">The namespace the link is in.</param>
    /// <param name="name">The link's name.</param>
    /// <returns>The link's object.</returns>
    public static JsonElement Link(TestNamespace ns, string name) => Ip(ns, "link", "show", "dev", name)[0];

    private static JsonElement Json(string program, TestNamespace ns, bool details, string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var start = new ProcessStartInfo(Requires.Executable(program)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-n", ns.Name, .. details ? ["-d"] : Array.Empty<string>(), "-j", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        }

        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }
}
