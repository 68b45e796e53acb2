namespace Cni.Netlink;

/// <summary>What a routing rule does when it matches (FR_ACT_* in linux/fib_rules.h).</summary>
public enum RuleAction : byte
{
    /// <summary>FR_ACT_UNSPEC: in a delete, matches any action; an added rule becomes <see cref="ToTable"/>.</summary>
    Unspecified = 0,

    /// <summary>FR_ACT_TO_TBL: look the route up in the rule's table (<c>lookup TABLE</c>).</summary>
    ToTable = 1,

    /// <summary>FR_ACT_GOTO: jump to another rule.</summary>
    Goto = 2,

    /// <summary>FR_ACT_NOP: do nothing.</summary>
    Nop = 3,

    /// <summary>FR_ACT_BLACKHOLE: drop silently.</summary>
    Blackhole = 6,

    /// <summary>FR_ACT_UNREACHABLE: answer network unreachable.</summary>
    Unreachable = 7,

    /// <summary>FR_ACT_PROHIBIT: answer administratively prohibited.</summary>
    Prohibit = 8,
}
