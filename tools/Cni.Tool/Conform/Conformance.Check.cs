using Cni.Tool.Running;

namespace Cni.Tool.Conform;

internal sealed partial class Conformance
{
    private Task<PluginRun> CheckCommandAsync(Attachment attachment, CancellationToken cancellationToken)
        => RunAsync(runner.Environment("CHECK", attachment.ContainerId, attachment.NetNs, attachment.IfName), config.WithPrevResult(attachment.Result), cancellationToken);

    private async Task<Verdict> CheckAfterAddAsync(CancellationToken cancellationToken)
    {
        if (config.Version < CniVersion.V040)
        {
            return Verdict.Skip($"CHECK needs cniVersion 0.4.0 or later; the config has {config.Version}");
        }

        if (_main is null)
        {
            return Verdict.Fail("no attachment: ADD at the config's version failed");
        }

        var run = await CheckCommandAsync(_main, cancellationToken).ConfigureAwait(false);
        NoteStdout("CHECK", run);
        return run.Succeeded ? Verdict.Pass() : Verdict.Fail($"CHECK right after ADD: {run.Describe()}");
    }

    /// <summary>
    /// Deletes the container's interface when the plugin made one; otherwise (an IPAM plugin) releases
    /// the attachment with DEL. Either way the prevResult no longer holds, and CHECK must say so.
    /// </summary>
    private async Task<Verdict> CheckAfterTamperAsync(CancellationToken cancellationToken)
    {
        if (config.Version < CniVersion.V040)
        {
            return Verdict.Skip($"CHECK needs cniVersion 0.4.0 or later; the config has {config.Version}");
        }

        if (_main is null)
        {
            return Verdict.Fail("no attachment: ADD at the config's version failed");
        }

        var result = CniResult.Parse(_main.Result, config.Version);
        string tampering;
        if (result.Interfaces.Any(i => i.Name == _main.IfName && i.Sandbox == _main.NetNs))
        {
            Sandbox.DeleteLink(_main.NetNs, _main.IfName);
            tampering = $"the container's {_main.IfName} was deleted";
        }
        else
        {
            var del = await DelAsync(_main, cancellationToken).ConfigureAwait(false);
            if (!del.Succeeded)
            {
                return Verdict.Fail($"DEL (to release the attachment) failed: {del.Describe()}");
            }

            tampering = "the attachment was released by DEL";
        }

        var run = await CheckCommandAsync(_main, cancellationToken).ConfigureAwait(false);
        NoteStdout("CHECK", run);
        return run.Succeeded
            ? Verdict.Fail($"CHECK passed after {tampering}")
            : run.ErrorCode is null ? Verdict.Fail($"CHECK failed without an error object after {tampering}: {run.Describe()}") : Verdict.Pass(tampering);
    }
}
