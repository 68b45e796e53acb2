using Cni;

namespace Bridge;

/// <summary>
/// IPAM's allocation. host-local, which runs in this process and needs nothing ADD makes, starts
/// before the bridge and the veth pair, so its file writes and fsyncs overlap the kernel's work;
/// an IPAM plugin (dhcp, for one, needs the container's interface) starts when ADD asks for the
/// result, after the veth pair, as in the reference. Disposing waits for a started allocation to
/// end, so the step that releases the addresses is registered before that rollback runs; its error
/// is ADD's only where ADD awaits <see cref="Result"/>.
/// </summary>
internal sealed class PendingAllocation : IAsyncDisposable
{
    private readonly Func<Task<CniResult>> _start;
    private Task<CniResult>? _allocation;

    private PendingAllocation(Func<Task<CniResult>> start) => _start = start;

    public Task<CniResult> Result => _allocation ??= _start();

    public static PendingAllocation? Start(CniRequest<BridgeConfig> request, Rollback release, CancellationToken cancellationToken)
    {
        if (!request.Config.HasIpam)
        {
            return null;
        }

        if (request.Config.Ipam!.Type != "host-local")
        {
            return new PendingAllocation(() => PluginIpam.AddAsync(request, release, cancellationToken));
        }

        var allocation = new PendingAllocation(() => OnOwnThread(() => PluginIpam.AddAsync(request, release, cancellationToken)));
        _ = allocation.Result;
        return allocation;
    }

    // One thread, not the thread pool: starting the pool costs a short-lived process a worker and a gate thread.
    private static Task<CniResult> OnOwnThread(Func<Task<CniResult>> allocate)
    {
        var completion = new TaskCompletionSource<CniResult>();
        new Thread(() =>
        {
            try
            {
                completion.SetResult(allocate().GetAwaiter().GetResult());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        { IsBackground = true, Name = "ipam" }.Start();
        return completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (_allocation is not null)
        {
            await ((Task)_allocation).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
