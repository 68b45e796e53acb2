using System.Text.Json.Nodes;

namespace Cni.Tool.Conform;

internal sealed partial class Conformance
{
    private async Task<Verdict> UnknownKeysAsync(CancellationToken cancellationToken)
    {
        var stdin = config.Bytes(c => c["cni.dev/conform-unknown"] = new JsonObject { ["nested"] = new JsonArray(1, 2) });
        var (attachment, run) = await AddAsync(ConfigVersion, cancellationToken, stdin).ConfigureAwait(false);
        if (!run.Succeeded)
        {
            return Verdict.Fail($"ADD with an unknown key: {run.Describe()}");
        }

        var del = await DelAsync(attachment, cancellationToken).ConfigureAwait(false);
        return del.Succeeded ? Verdict.Pass() : Verdict.Fail($"DEL: {del.Describe()}");
    }

    private async Task<Verdict> IgnoreUnknownArgsAsync(CancellationToken cancellationToken)
    {
        var (attachment, run) = await AddAsync(ConfigVersion, cancellationToken, args: "IgnoreUnknown=1;CNI_CONFORM_UNKNOWN=yes").ConfigureAwait(false);
        if (!run.Succeeded)
        {
            return Verdict.Fail($"ADD with CNI_ARGS IgnoreUnknown=1;CNI_CONFORM_UNKNOWN=yes: {run.Describe()}");
        }

        var del = await DelAsync(attachment, cancellationToken).ConfigureAwait(false);
        return del.Succeeded ? Verdict.Pass() : Verdict.Fail($"DEL: {del.Describe()}");
    }
}
