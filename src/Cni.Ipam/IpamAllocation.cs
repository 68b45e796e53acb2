using System.Net;

namespace Cni.Ipam;

/// <summary>An address held in a store, and its owner.</summary>
/// <param name="Address">The address.</param>
/// <param name="Owner">Who holds it; empty when <paramref name="IsDamaged"/>.</param>
/// <param name="IsDamaged">
/// The record has no owner (an empty or unreadable file left by a crash): the address is taken, nobody
/// holds it, and GC releases it.
/// </param>
public readonly record struct IpamAllocation(IPAddress Address, IpamOwner Owner, bool IsDamaged = false);
