namespace Cni.Netlink;

/// <summary>A link's RFC 2863 operational state (IF_OPER_* in linux/if.h, attribute IFLA_OPERSTATE).</summary>
public enum OperationalState : byte
{
    /// <summary>IF_OPER_UNKNOWN: the driver does not tell (loopback, bridges without ports).</summary>
    Unknown = 0,

    /// <summary>IF_OPER_NOTPRESENT.</summary>
    NotPresent = 1,

    /// <summary>IF_OPER_DOWN.</summary>
    Down = 2,

    /// <summary>IF_OPER_LOWERLAYERDOWN: a link it stacks on is down (a veth whose peer is down).</summary>
    LowerLayerDown = 3,

    /// <summary>IF_OPER_TESTING.</summary>
    Testing = 4,

    /// <summary>IF_OPER_DORMANT.</summary>
    Dormant = 5,

    /// <summary>IF_OPER_UP: the link can pass packets.</summary>
    Up = 6,
}
