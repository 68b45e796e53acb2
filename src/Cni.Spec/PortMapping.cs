using System.Net;

namespace Cni;

/// <summary>A port mapping a runtime asks for (<c>runtimeConfig.portMappings[]</c>, the <c>portMappings</c> capability).</summary>
public sealed class PortMapping
{
    /// <summary>The port on the host (<c>hostPort</c>).</summary>
    public int HostPort { get; init; }

    /// <summary>The port in the container (<c>containerPort</c>).</summary>
    public int ContainerPort { get; init; }

    /// <summary>The protocol (<c>protocol</c>), for example <c>tcp</c>, <c>udp</c> or <c>sctp</c>; empty when not given.</summary>
    public string Protocol { get; init; } = "";

    /// <summary>The host address to bind (<c>hostIP</c>), or <see langword="null"/> for every address.</summary>
    public IPAddress? HostIP { get; init; }
}
