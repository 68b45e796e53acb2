namespace Cni.Testing;

/// <summary>
/// Tests that need kernel features this machine's kernel lacks (dummy, vlan, ipvlan, bond, vrf,
/// geneve, wireguard, bridge VLAN filtering) carry <c>[Trait(KernelLane.Name, KernelLane.Vm)]</c>.
/// eng/test.sh leaves them out of the host run and eng/kernel-test.sh runs them inside a VM booted
/// with Debian's stock kernel, where they must pass; they are never skipped.
/// </summary>
public static class KernelLane
{
    /// <summary>The trait's name.</summary>
    public const string Name = "Lane";

    /// <summary>The trait's value for tests that run in the VM lane.</summary>
    public const string Vm = "vm";
}
