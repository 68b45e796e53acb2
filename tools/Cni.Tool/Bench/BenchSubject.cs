using Cni.Tool.Running;

namespace Cni.Tool.Bench;

/// <summary>One plugin being measured: its own node namespace, container namespace and samples.</summary>
internal sealed class BenchSubject(string label, PluginRunner runner, ConfigUnderTest config, string netNs, string containerId)
{
    public string Label { get; } = label;

    public List<CallSample> Adds { get; } = [];

    public List<CallSample> Dels { get; } = [];

    /// <summary>One ADD then one DEL of the same attachment, as a pod's life; the samples are kept when <paramref name="record"/>.</summary>
    /// <exception cref="ToolException">A call failed: a benchmark of failing calls measures nothing.</exception>
    public async Task RoundAsync(string tool, bool record, CancellationToken cancellationToken)
    {
        var (add, addSample) = await runner.RunMeasuredAsync(tool, new PluginCall(runner.Environment("ADD", containerId, netNs), config.Bytes()), cancellationToken).ConfigureAwait(false);
        if (!add.Succeeded)
        {
            throw new ToolException($"{Label}: ADD failed: {add.Describe()}");
        }

        var stdin = config.Version >= CniVersion.V040 ? config.WithPrevResult(add.Stdout) : config.Bytes();
        var (del, delSample) = await runner.RunMeasuredAsync(tool, new PluginCall(runner.Environment("DEL", containerId, netNs), stdin), cancellationToken).ConfigureAwait(false);
        if (!del.Succeeded)
        {
            throw new ToolException($"{Label}: DEL failed: {del.Describe()}");
        }

        if (record)
        {
            Adds.Add(addSample);
            Dels.Add(delSample);
        }
    }
}
