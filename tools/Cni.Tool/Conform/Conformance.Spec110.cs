using System.Text.Json.Nodes;

namespace Cni.Tool.Conform;

internal sealed partial class Conformance
{
    private bool Supports110 => _supported.Contains(CniVersion.V110);

    private async Task<Verdict> StatusAsync(CancellationToken cancellationToken)
    {
        if (!Supports110)
        {
            return Verdict.Skip("the plugin does not support spec 1.1.0");
        }

        var run = await RunAsync(runner.Environment("STATUS"), config.AtVersion("1.1.0"), cancellationToken).ConfigureAwait(false);
        NoteStdout("STATUS", run);
        return run.Succeeded ? Verdict.Pass() : Verdict.Fail($"STATUS: {run.Describe()}");
    }

    /// <summary>GC keeping a live attachment, then GC keeping nothing; both must succeed, and the live one must still CHECK.</summary>
    private async Task<Verdict> GcAsync(CancellationToken cancellationToken)
    {
        if (!Supports110)
        {
            return Verdict.Skip("the plugin does not support spec 1.1.0");
        }

        var (attachment, add) = await AddAsync("1.1.0", cancellationToken).ConfigureAwait(false);
        if (!add.Succeeded)
        {
            return Verdict.Fail($"ADD at 1.1.0: {add.Describe()}");
        }

        byte[] Gc(bool keep) => config.Bytes(c =>
        {
            c["cniVersion"] = "1.1.0";
            var valid = new JsonArray();
            if (keep)
            {
                valid.Add((JsonNode)new JsonObject { ["containerID"] = attachment.ContainerId, ["ifname"] = attachment.IfName });
            }

            c["cni.dev/valid-attachments"] = valid;
        });

        var keeping = await RunAsync(runner.Environment("GC"), Gc(keep: true), cancellationToken).ConfigureAwait(false);
        NoteStdout("GC", keeping);
        if (!keeping.Succeeded)
        {
            return Verdict.Fail($"GC keeping the attachment: {keeping.Describe()}");
        }

        var check = await RunAsync(runner.Environment("CHECK", attachment.ContainerId, attachment.NetNs, attachment.IfName), config.WithPrevResult(attachment.Result, "1.1.0"), cancellationToken).ConfigureAwait(false);
        if (!check.Succeeded)
        {
            return Verdict.Fail($"CHECK after a GC that kept the attachment: {check.Describe()}");
        }

        var emptying = await RunAsync(runner.Environment("GC"), Gc(keep: false), cancellationToken).ConfigureAwait(false);
        NoteStdout("GC", emptying);
        return emptying.Succeeded ? Verdict.Pass() : Verdict.Fail($"GC keeping nothing: {emptying.Describe()}");
    }
}
