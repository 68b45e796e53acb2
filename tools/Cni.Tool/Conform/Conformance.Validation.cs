using System.Text.Json;

namespace Cni.Tool.Conform;

internal sealed partial class Conformance
{
    private async Task<Verdict> VersionAsync(CancellationToken cancellationToken)
    {
        var run = await RunAsync(runner.Environment("VERSION"), config.Bytes(), cancellationToken).ConfigureAwait(false);
        NoteStdout("VERSION", run);
        _supported = [config.Version];
        if (!run.Succeeded)
        {
            return Verdict.Fail($"VERSION failed: {run.Describe()}");
        }

        if (!run.IsOneJsonDocument(out var reason))
        {
            return Verdict.Fail(reason);
        }

        using var document = JsonDocument.Parse(run.Stdout);
        if (!document.RootElement.TryGetProperty("supportedVersions", out var versions) || versions.ValueKind != JsonValueKind.Array)
        {
            return Verdict.Fail($"no supportedVersions array: {run.Describe()}");
        }

        var supported = versions.EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.String && CniVersion.TryParse(v.GetString(), out var version) && version.IsKnown ? version : (CniVersion?)null)
            .OfType<CniVersion>()
            .Order()
            .ToList();
        if (!supported.Contains(config.Version))
        {
            return Verdict.Fail($"supportedVersions [{string.Join(", ", supported)}] lack the config's {config.Version}");
        }

        _supported = supported;
        return Verdict.Pass($"supports {string.Join(", ", supported)}");
    }

    private async Task<Verdict> VersionMismatchAsync(CancellationToken cancellationToken)
    {
        var (_, run) = await AddAsync("9.9.9", cancellationToken).ConfigureAwait(false);
        return Expect("ADD with cniVersion 9.9.9", run, (uint)CniErrorCode.IncompatibleCniVersion);
    }

    private async Task<Verdict> EnvValidationAsync(CancellationToken cancellationToken)
    {
        var netNs = sandbox.AddContainer();
        var stdin = config.Bytes();
        var full = runner.Environment("ADD", NewContainerId(), netNs, IfName);
        Dictionary<string, string> Without(string name)
        {
            var environment = new Dictionary<string, string>(full, StringComparer.Ordinal);
            environment.Remove(name);
            return environment;
        }

        Dictionary<string, string> With(string name, string value) => new(full, StringComparer.Ordinal) { [name] = value };

        var cases = new (string What, Dictionary<string, string> Environment)[]
        {
            ("ADD with only CNI_COMMAND", new() { ["CNI_COMMAND"] = "ADD" }),
            ("DEL with only CNI_COMMAND", new() { ["CNI_COMMAND"] = "DEL" }),
            ("ADD without CNI_NETNS", Without("CNI_NETNS")),
            ("ADD without CNI_PATH", Without("CNI_PATH")),
            ("ADD without CNI_CONTAINERID", Without("CNI_CONTAINERID")),
            ("ADD with CNI_CONTAINERID \"-bad\"", With("CNI_CONTAINERID", "-bad")),
            ("ADD with a 16-byte CNI_IFNAME", With("CNI_IFNAME", "conform-ifname16")),
            ("CNI_COMMAND=FOO", With("CNI_COMMAND", "FOO")),
        };
        var verdicts = new List<Verdict>();
        foreach (var (what, environment) in cases)
        {
            var run = await RunAsync(environment, stdin, cancellationToken).ConfigureAwait(false);
            NoteStdout(environment["CNI_COMMAND"], run);
            verdicts.Add(Expect(what, run, (uint)CniErrorCode.InvalidEnvironmentVariables));
        }

        return All(verdicts);
    }

    private async Task<Verdict> ConfigValidationAsync(CancellationToken cancellationToken)
    {
        var netNs = sandbox.AddContainer();
        var cases = new (string What, byte[] Stdin, CniErrorCode Code)[]
        {
            ("ADD with stdin \"{bad\"", "{bad"u8.ToArray(), CniErrorCode.DecodingFailure),
            ("ADD with empty stdin", [], CniErrorCode.DecodingFailure),
            ("ADD with a config without \"name\"", config.Bytes(c => c.Remove("name")), CniErrorCode.InvalidNetworkConfig),
        };
        var verdicts = new List<Verdict>();
        foreach (var (what, stdin, code) in cases)
        {
            var run = await RunAsync(runner.Environment("ADD", NewContainerId(), netNs, IfName), stdin, cancellationToken).ConfigureAwait(false);
            NoteStdout("ADD", run);
            verdicts.Add(Expect(what, run, (uint)code));
        }

        return All(verdicts);
    }
}
