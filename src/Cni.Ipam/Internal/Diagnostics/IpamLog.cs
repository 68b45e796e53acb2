using System.Net;
using Microsoft.Extensions.Logging;

namespace Cni.Ipam.Internal.Diagnostics;

/// <summary>The allocator's log messages: what it allocated and released, what it rolled back and why, and each store round trip.</summary>
internal static partial class IpamLog
{
    [LoggerMessage(EventId = 1, EventName = "Allocated", Level = LogLevel.Information, Message = "Allocated {Address} to {ContainerId}/{IfName} on network {Network}")]
    public static partial void Allocated(ILogger logger, IPCidr address, string containerId, string ifName, string network);

    [LoggerMessage(EventId = 2, EventName = "Released", Level = LogLevel.Information, Message = "{Command} released {Address} held by {ContainerId}/{IfName} on network {Network}")]
    public static partial void Released(ILogger logger, string command, IPAddress address, string containerId, string ifName, string network);

    [LoggerMessage(EventId = 3, EventName = "RolledBack", Level = LogLevel.Warning, Message = "Released {Address} again, reserved for {ContainerId}/{IfName} on network {Network}, because the ADD failed: {Reason}")]
    public static partial void RolledBack(ILogger logger, IPAddress address, string containerId, string ifName, string network, string reason);

    [LoggerMessage(EventId = 4, EventName = "RollbackMissed", Level = LogLevel.Warning, Message = "Could not release {Address} after the failed ADD for {ContainerId}/{IfName} on network {Network}: the store no longer holds it for them (ADD failed: {Reason})")]
    public static partial void RollbackMissed(ILogger logger, IPAddress address, string containerId, string ifName, string network, string reason);

    [LoggerMessage(EventId = 5, EventName = "StoreRoundTrip", Level = LogLevel.Debug, Message = "{Store} store {Operation}{Detail} in {Milliseconds:0.###} ms")]
    public static partial void StoreRoundTrip(ILogger logger, string store, string operation, string detail, double milliseconds);

    [LoggerMessage(EventId = 6, EventName = "StoreRoundTripFailed", Level = LogLevel.Debug, Message = "{Store} store {Operation}{Detail} failed in {Milliseconds:0.###} ms: {Reason}")]
    public static partial void StoreRoundTripFailed(ILogger logger, string store, string operation, string detail, double milliseconds, string reason);
}
