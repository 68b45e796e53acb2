using System.Text.Json;
using System.Text.Json.Nodes;
using Cni.Tool.Running;

namespace Cni.Tool.Conform;

internal sealed partial class Conformance
{
    /// <summary>
    /// Why the checks of spec 1.1.0's commands do not apply, or <see langword="null"/> when they do: a runtime
    /// sends GC and STATUS only to a network whose cniVersion is 1.1.0 or later (libcni). A plugin whose VERSION
    /// does not list the config's version fails the version check; these checks still run, as the others do.
    /// </summary>
    private string? Spec110SkipReason()
        => config.Version < CniVersion.V110 ? $"GC and STATUS need cniVersion 1.1.0; the config has {config.Version}" : null;

    /// <summary>STATUS succeeds, or reports that the plugin is unavailable with an error of code 50 or 51; anything else fails.</summary>
    private async Task<Verdict> StatusAsync(CancellationToken cancellationToken)
    {
        if (Spec110SkipReason() is { } skip)
        {
            return Verdict.Skip(skip);
        }

        var run = await RunAsync(runner.Environment("STATUS"), config.AtVersion("1.1.0"), cancellationToken).ConfigureAwait(false);
        NoteStdout("STATUS", run);
        if (run.Succeeded)
        {
            return Verdict.Pass();
        }

        if (!IsErrorObject(run.Stdout, out var code, out var message))
        {
            return Verdict.Fail($"STATUS failed without an error object (a number \"code\" and a string \"msg\"): {run.Describe()}");
        }

        return code is 50 or 51
            ? Verdict.Pass($"the plugin reports it is unavailable: code {code}: {message}")
            : Verdict.Fail($"STATUS failed with code {code}, but only 50 and 51 say the plugin is unavailable: {run.Describe()}");
    }

    /// <summary>GC keeping a live attachment, then GC keeping nothing; both must succeed, and the live one must still CHECK.</summary>
    private async Task<Verdict> GcAsync(CancellationToken cancellationToken)
    {
        if (Spec110SkipReason() is { } skip)
        {
            return Verdict.Skip(skip);
        }

        var (attachment, add) = await AddAsync("1.1.0", cancellationToken).ConfigureAwait(false);
        if (!add.Succeeded)
        {
            return Verdict.Fail($"ADD at 1.1.0: {add.Describe()}");
        }

        var keeping = await GcKeepingAsync([attachment], cancellationToken).ConfigureAwait(false);
        if (!keeping.Succeeded)
        {
            return Verdict.Fail($"GC keeping the attachment: {keeping.Describe()}");
        }

        var check = await RunAsync(runner.Environment("CHECK", attachment.ContainerId, attachment.NetNs, attachment.IfName), config.WithPrevResult(attachment.Result, "1.1.0"), cancellationToken).ConfigureAwait(false);
        if (!check.Succeeded)
        {
            return Verdict.Fail($"CHECK after a GC that kept the attachment: {check.Describe()}");
        }

        var emptying = await GcKeepingAsync([], cancellationToken).ConfigureAwait(false);
        return emptying.Succeeded ? Verdict.Pass() : Verdict.Fail($"GC keeping nothing: {emptying.Describe()}");
    }

    /// <summary>
    /// Two attachments, then GC keeping both, then GC keeping only the second: the first must be released
    /// and the second kept. Seen in host-local's store (the tool's own data directory), so a GC that
    /// answers success and does nothing, or releases everything, fails.
    /// </summary>
    private async Task<Verdict> GcReleaseAsync(CancellationToken cancellationToken)
    {
        if (Spec110SkipReason() is { } skip)
        {
            return Verdict.Skip(skip);
        }

        if (config.HostLocalStoreDirectory is not { } store)
        {
            return Verdict.Skip("the config's IPAM is not host-local (the only store the tool can read)");
        }

        var (omitted, addOmitted) = await AddAsync("1.1.0", cancellationToken).ConfigureAwait(false);
        var (kept, addKept) = await AddAsync("1.1.0", cancellationToken).ConfigureAwait(false);
        try
        {
            if (!addOmitted.Succeeded || !addKept.Succeeded)
            {
                return Verdict.Fail($"ADD at 1.1.0: {(addOmitted.Succeeded ? addKept : addOmitted).Describe()}");
            }

            var omittedAddresses = HostLocalStore.Addresses(store, omitted.ContainerId, omitted.IfName);
            var keptAddresses = HostLocalStore.Addresses(store, kept.ContainerId, kept.IfName);
            if (omittedAddresses.Count == 0 || keptAddresses.Count == 0)
            {
                return Verdict.Fail($"after ADD the host-local store {store} lists no address for {(omittedAddresses.Count == 0 ? omitted : kept).ContainerId}");
            }

            var keepingBoth = await GcKeepingAsync([omitted, kept], cancellationToken).ConfigureAwait(false);
            if (!keepingBoth.Succeeded)
            {
                return Verdict.Fail($"GC keeping both attachments: {keepingBoth.Describe()}");
            }

            if (LostFrom(store, [omitted, kept]) is { } lostEarly)
            {
                return Verdict.Fail($"GC whose valid list kept {lostEarly} released it from the host-local store");
            }

            var keepingOne = await GcKeepingAsync([kept], cancellationToken).ConfigureAwait(false);
            if (!keepingOne.Succeeded)
            {
                return Verdict.Fail($"GC keeping one of two attachments: {keepingOne.Describe()}");
            }

            var left = HostLocalStore.Addresses(store, omitted.ContainerId, omitted.IfName);
            if (left.Count > 0)
            {
                return Verdict.Fail($"GC whose valid list omits {omitted.ContainerId} succeeded, but the host-local store still lists {string.Join(", ", left)} for it");
            }

            return LostFrom(store, [kept]) is { } lost
                ? Verdict.Fail($"GC whose valid list kept {lost} released it from the host-local store")
                : Verdict.Pass($"released {string.Join(", ", omittedAddresses)}, kept {string.Join(", ", keptAddresses)}");
        }
        finally
        {
            foreach (var attachment in new[] { (Attachment: omitted, Add: addOmitted), (Attachment: kept, Add: addKept) }.Where(a => a.Add.Succeeded).Select(a => a.Attachment))
            {
                await DelAsync(attachment, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The container ID of the first attachment the store no longer lists, or <see langword="null"/>.</summary>
    private static string? LostFrom(string store, IEnumerable<Attachment> attachments)
        => attachments.FirstOrDefault(a => HostLocalStore.Addresses(store, a.ContainerId, a.IfName).Count == 0)?.ContainerId;

    /// <summary>GC as a runtime sends it: <c>cni.dev/valid-attachments</c> lists the attachments to keep.</summary>
    private async Task<PluginRun> GcKeepingAsync(IEnumerable<Attachment> valid, CancellationToken cancellationToken)
    {
        var stdin = config.Bytes(c =>
        {
            c["cniVersion"] = "1.1.0";
            c["cni.dev/valid-attachments"] = new JsonArray(valid.Select(a => new JsonObject { ["containerID"] = a.ContainerId, ["ifname"] = a.IfName }).ToArray<JsonNode?>());
        });
        var run = await RunAsync(runner.Environment("GC"), stdin, cancellationToken).ConfigureAwait(false);
        NoteStdout("GC", run);
        return run;
    }

    /// <summary>Whether stdout is a CNI error object: a non-negative integer <c>code</c> and a string <c>msg</c>.</summary>
    private static bool IsErrorObject(byte[] stdout, out uint code, out string message)
    {
        code = 0;
        message = "";
        try
        {
            using var document = JsonDocument.Parse(stdout);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("code", out var codeElement) || codeElement.ValueKind != JsonValueKind.Number || !codeElement.TryGetUInt32(out code)
                || !root.TryGetProperty("msg", out var messageElement) || messageElement.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            message = messageElement.GetString()!;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
