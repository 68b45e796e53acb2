using System.Net.Sockets;
using System.Text.Json;
using Cni.Tool.Running;

namespace Cni.Tool.Conform;

internal sealed partial class Conformance
{
    private static readonly string[] s_fieldsSince030 = ["ips", "interfaces", "routes"];
    private static readonly string[] s_fieldsBefore030 = ["ip4", "ip6"];
    private readonly List<(CniVersion Version, PluginRun Run)> _versionRuns = [];

    /// <summary>ADD at each supported version (the config's is kept as the main attachment for the later checks).</summary>
    private async Task<Verdict> ResultVersionsAsync(CancellationToken cancellationToken)
    {
        var verdicts = new List<Verdict>();
        foreach (var version in _supported)
        {
            var (attachment, run) = await AddAsync(version.ToString(), cancellationToken).ConfigureAwait(false);
            if (!run.Succeeded)
            {
                verdicts.Add(Verdict.Fail($"ADD at {version} failed: {run.Describe()}"));
                continue;
            }

            _versionRuns.Add((version, run));
            if (!run.IsOneJsonDocument(out var reason))
            {
                verdicts.Add(Verdict.Fail($"ADD at {version}: {reason}"));
            }
            else if (StatedVersion(run.Stdout) is var stated && stated != version.ToString())
            {
                verdicts.Add(Verdict.Fail($"config {version}, result {(stated is null ? "without cniVersion" : stated)}"));
            }

            if (version == config.Version)
            {
                _main = attachment;
                continue;
            }

            var del = await DelAsync(attachment, cancellationToken).ConfigureAwait(false);
            if (!del.Succeeded)
            {
                verdicts.Add(Verdict.Fail($"DEL at {version} failed: {del.Describe()}"));
            }
        }

        var verdict = All(verdicts);
        return verdict.Status == CheckStatus.Pass ? Verdict.Pass($"{string.Join(", ", _supported)}") : verdict;
    }

    private Task<Verdict> ResultShapesAsync(CancellationToken cancellationToken)
    {
        if (_versionRuns.Count == 0)
        {
            return Task.FromResult(Verdict.Fail("no ADD succeeded"));
        }

        var problems = new List<string>();
        foreach (var (version, run) in _versionRuns)
        {
            if (!run.IsOneJsonDocument(out _))
            {
                problems.Add($"{version}: the result is not one JSON document (see stdout)");
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(run.Stdout);
                problems.AddRange(ShapeProblems(document.RootElement, version).Select(p => $"{version}: {p}"));
                CniResult.Parse(run.Stdout, version);
            }
            catch (Exception e) when (e is JsonException or CniException)
            {
                problems.Add($"{version}: {e.Message}");
            }
        }

        return Task.FromResult(Failures(problems));
    }

    /// <summary>What the spec of <paramref name="version"/> says a result holds: ip4/ip6 before 0.3.0, ips (with "version" in 0.3.x/0.4.0) after.</summary>
    private static IEnumerable<string> ShapeProblems(JsonElement result, CniVersion version)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            yield return $"the result is a JSON {result.ValueKind}, not an object";
            yield break;
        }

        if (version < CniVersion.V030)
        {
            foreach (var key in s_fieldsSince030.Where(k => result.TryGetProperty(k, out _)))
            {
                yield return $"\"{key}\" is not a {version} field (results before 0.3.0 have ip4/ip6)";
            }

            yield break;
        }

        foreach (var key in s_fieldsBefore030.Where(k => result.TryGetProperty(k, out _)))
        {
            yield return $"\"{key}\" belongs to results before 0.3.0";
        }

        if (!result.TryGetProperty("ips", out var ips))
        {
            yield break;
        }

        foreach (var ip in ips.EnumerateArray())
        {
            if (!ip.TryGetProperty("address", out var address) || address.ValueKind != JsonValueKind.String)
            {
                yield return $"an ips entry has no address: {ip.GetRawText()}";
                continue;
            }

            var hasVersion = ip.TryGetProperty("version", out var family);
            if (version < CniVersion.V100 && !hasVersion)
            {
                yield return $"ips entry {address} has no \"version\" ({version} requires it)";
            }
            else if (version >= CniVersion.V100 && hasVersion)
            {
                yield return $"ips entry {address} has \"version\", which {version} removed";
            }
            else if (hasVersion && IPCidr.TryParse(address.GetString(), out var cidr)
                && family.GetString() != (cidr.Address.AddressFamily == AddressFamily.InterNetwork ? "4" : "6"))
            {
                yield return $"ips entry {address} has \"version\": \"{family}\"";
            }
        }
    }

    private Task<Verdict> InterfaceAsync(CancellationToken cancellationToken)
    {
        if (_main is null)
        {
            return Task.FromResult(Verdict.Fail("no result: ADD at the config's version failed"));
        }

        if (config.Version < CniVersion.V030)
        {
            return Task.FromResult(Verdict.Skip($"{config.Version} results have no interfaces"));
        }

        var result = CniResult.Parse(_main.Result, config.Version);
        var problems = result.IPs
            .Where(ip => ip.Interface is { } index && (index < 0 || index >= result.Interfaces.Count))
            .Select(ip => $"ip {ip.Address} points at interface {ip.Interface}, but the result has {result.Interfaces.Count}")
            .ToList();
        if (result.Interfaces.Count == 0)
        {
            return Task.FromResult(Failures(problems, "no interfaces (an IPAM plugin)"));
        }

        var container = result.Interfaces.FirstOrDefault(i => i.Name == _main.IfName);
        if (container is null)
        {
            problems.Add($"no interface named {_main.IfName} (CNI_IFNAME) among {string.Join(", ", result.Interfaces.Select(i => i.Name))}");
        }
        else if (container.Sandbox != _main.NetNs)
        {
            problems.Add($"interface {_main.IfName} has sandbox \"{container.Sandbox}\", not CNI_NETNS {_main.NetNs}");
        }

        return Task.FromResult(Failures(problems));
    }
}
