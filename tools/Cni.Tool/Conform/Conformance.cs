using System.Text.Json;
using Cni.Tool.Running;

namespace Cni.Tool.Conform;

/// <summary>
/// Runs the conformance checks against one plugin binary, in the order of docs/conformance.md, and
/// undoes every attachment it made. Each check is independent: one that fails does not stop the others.
/// </summary>
internal sealed partial class Conformance(PluginRunner runner, ConfigUnderTest config, Sandbox sandbox, int parallel)
{
    private const string IfName = "eth0";
    private readonly List<CheckResult> _results = [];
    private readonly List<Attachment> _open = [];
    private readonly List<string> _stdoutProblems = [];
    private readonly Lock _gate = new();
    private int _nextId;
    private List<CniVersion> _supported = [];
    private Attachment? _main;

    private string ConfigVersion => config.Version.ToString();

    public async Task<IReadOnlyList<CheckResult>> RunAsync(Action<CheckResult> progress, CancellationToken cancellationToken)
    {
        async Task Check(string name, string description, Func<CancellationToken, Task<Verdict>> check)
        {
            Verdict verdict;
            try
            {
                verdict = await check(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Whatever a broken plugin's output makes a check throw (bad JSON, a malformed address, ...)
                // fails that check only; the others still run and every attachment is still undone.
                verdict = Verdict.Fail(e is CniException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            }

            var result = new CheckResult(name, description, verdict.Status, verdict.Reason);
            _results.Add(result);
            progress(result);
        }

        await Check("version", "VERSION prints one JSON document whose supportedVersions include the config's cniVersion", VersionAsync).ConfigureAwait(false);
        await Check("version-mismatch", "ADD with a cniVersion the plugin does not support fails with code 1", VersionMismatchAsync).ConfigureAwait(false);
        await Check("env-validation", "missing or invalid CNI_* variables and unknown commands fail with code 4", EnvValidationAsync).ConfigureAwait(false);
        await Check("config-validation", "stdin that is not JSON fails with code 6, a config without a name with code 7", ConfigValidationAsync).ConfigureAwait(false);
        await Check("result-version", "ADD at every supported version answers in that version", ResultVersionsAsync).ConfigureAwait(false);
        await Check("result-shape", "every result has the fields of its version and parses", ResultShapesAsync).ConfigureAwait(false);
        await Check("result-interface", "the CNI_IFNAME interface has sandbox = CNI_NETNS; IP interface indexes point at interfaces", InterfaceAsync).ConfigureAwait(false);
        await Check("check-after-add", "CHECK with the ADD result as prevResult passes", CheckAfterAddAsync).ConfigureAwait(false);
        await Check("check-after-tamper", "CHECK fails once the attachment was changed behind the plugin's back", CheckAfterTamperAsync).ConfigureAwait(false);
        await Check("del-twice", "DEL succeeds with empty stdout, and again the second time", DelTwiceAsync).ConfigureAwait(false);
        await Check("del-without-add", "DEL of a container never added succeeds", DelWithoutAddAsync).ConfigureAwait(false);
        await Check("del-netns-gone", "DEL succeeds after the container's netns was deleted", DelNetnsGoneAsync).ConfigureAwait(false);
        await Check("parallel-add", $"{parallel} ADDs at once all succeed with distinct addresses", ParallelAddAsync).ConfigureAwait(false);
        await Check("status", "STATUS succeeds, or fails with code 50 or 51 when the plugin is unavailable (spec 1.1.0)", StatusAsync).ConfigureAwait(false);
        await Check("gc", "GC with cni.dev/valid-attachments succeeds (spec 1.1.0)", GcAsync).ConfigureAwait(false);
        await Check("gc-release", "GC releases from host-local's store an attachment its valid list omits and keeps one it lists (spec 1.1.0)", GcReleaseAsync).ConfigureAwait(false);
        await Check("unknown-keys", "ADD tolerates configuration keys it does not know", UnknownKeysAsync).ConfigureAwait(false);
        await Check("ignore-unknown-args", "ADD tolerates unknown CNI_ARGS when IgnoreUnknown=1", IgnoreUnknownArgsAsync).ConfigureAwait(false);
        await Check("stdout", "stdout holds exactly one JSON document (result, error, version) and nothing on DEL", _ => Task.FromResult(StdoutVerdict())).ConfigureAwait(false);

        await CleanUpAsync(cancellationToken).ConfigureAwait(false);
        return _results;
    }

    private string NewContainerId() => $"cni-conform-{Interlocked.Increment(ref _nextId)}";

    private Task<PluginRun> RunAsync(Dictionary<string, string> environment, byte[] stdin, CancellationToken cancellationToken)
        => runner.RunAsync(new PluginCall(environment, stdin), cancellationToken);

    /// <summary>ADD in a new container namespace; a success is remembered so the run always undoes it.</summary>
    private async Task<(Attachment Attachment, PluginRun Run)> AddAsync(string version, CancellationToken cancellationToken, byte[]? stdin = null, string args = "", string? netNs = null)
    {
        netNs ??= sandbox.AddContainer();
        var containerId = NewContainerId();
        var run = await RunAsync(runner.Environment("ADD", containerId, netNs, IfName, args), stdin ?? config.AtVersion(version), cancellationToken).ConfigureAwait(false);
        NoteStdout("ADD", run);
        var attachment = new Attachment(containerId, netNs, IfName, version, args, run.Stdout);
        if (run.Succeeded)
        {
            lock (_gate)
            {
                _open.Add(attachment);
            }
        }

        return (attachment, run);
    }

    /// <summary>DEL as a runtime sends it: prevResult from 0.4.0 on.</summary>
    private async Task<PluginRun> DelAsync(Attachment attachment, CancellationToken cancellationToken)
    {
        var stdin = CniVersion.Parse(attachment.Version) >= CniVersion.V040 && attachment.Result.Length > 0
            ? config.WithPrevResult(attachment.Result, attachment.Version)
            : config.AtVersion(attachment.Version);
        var run = await RunAsync(runner.Environment("DEL", attachment.ContainerId, attachment.NetNs, attachment.IfName, attachment.Args), stdin, cancellationToken).ConfigureAwait(false);
        NoteStdout("DEL", run);
        if (run.Succeeded)
        {
            lock (_gate)
            {
                _open.Remove(attachment);
            }
        }

        return run;
    }

    /// <summary>Records a stdout problem: a success of DEL, CHECK, GC or STATUS prints nothing, anything else one JSON document.</summary>
    private void NoteStdout(string command, PluginRun run)
    {
        var silent = run.Succeeded && command is "DEL" or "CHECK" or "GC" or "STATUS";
        string problem;
        if (silent)
        {
            if (run.Stdout.AsSpan().Trim(" \t\r\n"u8).Length == 0)
            {
                return;
            }

            problem = $"{command} succeeded but printed: {System.Text.Encoding.UTF8.GetString(run.Stdout).Trim()}";
        }
        else if (!run.IsOneJsonDocument(out problem))
        {
            problem = $"{command} (exit {run.ExitCode}): {problem}";
        }
        else
        {
            return;
        }

        lock (_gate)
        {
            _stdoutProblems.Add(problem);
        }
    }

    private Verdict StdoutVerdict() => Failures(_stdoutProblems);

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        foreach (var attachment in _open.ToList())
        {
            try
            {
                var run = await DelAsync(attachment, cancellationToken).ConfigureAwait(false);
                if (!run.Succeeded)
                {
                    await Console.Error.WriteLineAsync($"conform: cleaning up {attachment.ContainerId}: DEL failed: {run.Describe()}").ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One DEL that cannot run must not keep the others from running; the sandbox deletes the namespaces anyway.
                await Console.Error.WriteLineAsync($"conform: cleaning up {attachment.ContainerId}: {ToolCommand.OneLine(e)}").ConfigureAwait(false);
            }
        }
    }

    private static string? StatedVersion(byte[] stdout)
    {
        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("cniVersion", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : null;
    }

    private static Verdict Expect(string what, PluginRun run, uint code)
        => !run.Succeeded && run.ErrorCode == code ? Verdict.Pass() : Verdict.Fail($"{what}: expected error code {code}, got {run.Describe()}");

    private static Verdict All(IEnumerable<Verdict> verdicts) => Failures(verdicts.Where(v => v.Status == CheckStatus.Fail).Select(v => v.Reason).ToList());

    /// <summary>A pass when there is no problem, else a failure naming the first two (a table row stays readable).</summary>
    private static Verdict Failures(List<string> problems, string note = "")
        => problems.Count switch
        {
            0 => Verdict.Pass(note),
            <= 2 => Verdict.Fail(string.Join("; ", problems)),
            _ => Verdict.Fail($"{problems[0]}; {problems[1]}; and {problems.Count - 2} more"),
        };
}
