using System.Net;

namespace Cni.Tool.Conform;

internal sealed partial class Conformance
{
    private async Task<Verdict> DelTwiceAsync(CancellationToken cancellationToken)
    {
        var (attachment, add) = await AddAsync(ConfigVersion, cancellationToken).ConfigureAwait(false);
        if (!add.Succeeded)
        {
            return Verdict.Fail($"ADD failed: {add.Describe()}");
        }

        var first = await DelAsync(attachment, cancellationToken).ConfigureAwait(false);
        if (!first.Succeeded)
        {
            return Verdict.Fail($"first DEL: {first.Describe()}");
        }

        if (first.Stdout.AsSpan().Trim(" \t\r\n"u8).Length > 0)
        {
            return Verdict.Fail($"DEL printed: {System.Text.Encoding.UTF8.GetString(first.Stdout).Trim()}");
        }

        var second = await DelAsync(attachment, cancellationToken).ConfigureAwait(false);
        return second.Succeeded ? Verdict.Pass() : Verdict.Fail($"second DEL: {second.Describe()}");
    }

    private async Task<Verdict> DelWithoutAddAsync(CancellationToken cancellationToken)
    {
        var netNs = sandbox.AddContainer();
        var run = await RunAsync(runner.Environment("DEL", NewContainerId(), netNs, IfName), config.Bytes(), cancellationToken).ConfigureAwait(false);
        NoteStdout("DEL", run);
        return run.Succeeded ? Verdict.Pass() : Verdict.Fail($"DEL: {run.Describe()}");
    }

    private async Task<Verdict> DelNetnsGoneAsync(CancellationToken cancellationToken)
    {
        var (attachment, add) = await AddAsync(ConfigVersion, cancellationToken).ConfigureAwait(false);
        if (!add.Succeeded)
        {
            return Verdict.Fail($"ADD failed: {add.Describe()}");
        }

        sandbox.DeleteContainer(attachment.NetNs);
        var run = await DelAsync(attachment, cancellationToken).ConfigureAwait(false);
        return run.Succeeded ? Verdict.Pass() : Verdict.Fail($"DEL after the netns was deleted: {run.Describe()}");
    }

    private async Task<Verdict> ParallelAddAsync(CancellationToken cancellationToken)
    {
        // Namespaces first: creating them is not what is measured, and the sandbox's list is not shared.
        var namespaces = Enumerable.Range(0, parallel).Select(_ => sandbox.AddContainer()).ToList();
        var adds = await Task.WhenAll(namespaces.Select(n => AddAsync(ConfigVersion, cancellationToken, netNs: n))).ConfigureAwait(false);
        var problems = adds.Where(a => !a.Run.Succeeded).Select(a => $"ADD {a.Attachment.ContainerId}: {a.Run.Describe()}").ToList();
        var owners = new Dictionary<IPAddress, string>();
        foreach (var (attachment, run) in adds.Where(a => a.Run.Succeeded))
        {
            foreach (var ip in CniResult.Parse(run.Stdout, config.Version).IPs)
            {
                if (!owners.TryAdd(ip.Address.Address, attachment.ContainerId))
                {
                    problems.Add($"{ip.Address.Address} given to both {owners[ip.Address.Address]} and {attachment.ContainerId}");
                }
            }
        }

        var dels = await Task.WhenAll(adds.Where(a => a.Run.Succeeded).Select(a => DelAsync(a.Attachment, cancellationToken))).ConfigureAwait(false);
        problems.AddRange(dels.Where(d => !d.Succeeded).Select(d => $"DEL: {d.Describe()}"));
        return Failures(problems, $"{owners.Count} distinct addresses");
    }
}
