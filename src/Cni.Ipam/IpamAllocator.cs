namespace Cni.Ipam;

/// <summary>
/// host-local's allocation rules over any <see cref="IIpamStore"/>: ADD, DEL, CHECK, GC and STATUS for one
/// attachment at a time. A plugin calls it in-process (bridge and ptp do, with the same effect on disk as
/// running host-local), or the host-local sample calls it for the runtime. Thread-safe; register it once.
/// </summary>
/// <param name="store">Where allocations live.</param>
public sealed partial class IpamAllocator(IIpamStore store)
{
    private readonly IIpamStore _store = store ?? throw new ArgumentNullException(nameof(store));
}
