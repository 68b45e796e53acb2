namespace Cni.Netlink.Tests.StockKernel;

/// <summary>The matchall redirect on Debian's stock kernel (the VM lane): this machine's kernel lacks CONFIG_NET_CLS_MATCHALL; Debian's has cls_matchall.</summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public class MatchallFilterTests
{
    [Fact]
    public void Matchall_redirect_to_an_ifb_carries_the_traffic_and_a_tbf_on_the_ifb_shapes_it()
        => TrafficControlTests.RedirectToIfbCarriesTheTraffic(TrafficFilterClassifier.Matchall, "matchall");
}
