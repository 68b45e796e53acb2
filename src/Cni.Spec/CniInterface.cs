namespace Cni;

/// <summary>An interface in a result (<c>interfaces[]</c>).</summary>
public sealed class CniInterface
{
    /// <summary>The interface name, for example <c>eth0</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The hardware address, for example <c>0a:58:0a:01:00:05</c>; <see langword="null"/> when it has none.</summary>
    public string? Mac { get; set; }

    /// <summary>The MTU (1.1.0 and later); <see langword="null"/> when not reported.</summary>
    public int? Mtu { get; set; }

    /// <summary>The network namespace path for a container interface; <see langword="null"/> for a host interface.</summary>
    public string? Sandbox { get; set; }

    /// <summary>The path of a socket for a userspace interface (1.1.0 and later).</summary>
    public string? SocketPath { get; set; }

    /// <summary>The PCI address of a device interface (1.1.0 and later).</summary>
    public string? PciId { get; set; }
}
