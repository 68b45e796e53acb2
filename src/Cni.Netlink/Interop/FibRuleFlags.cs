namespace Cni.Netlink.Interop;

/// <summary>The flags of a <see cref="fib_rule_hdr"/> (FIB_RULE_*, linux/fib_rules.h).</summary>
internal static class FibRuleFlags
{
    /// <summary>FIB_RULE_INVERT: the rule matches what its selectors do not.</summary>
    public const uint Invert = 0x2;
}
