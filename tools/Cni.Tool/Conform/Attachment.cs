namespace Cni.Tool.Conform;

/// <summary>A container the plugin attached during the run: what DEL needs to undo it.</summary>
internal sealed record Attachment(string ContainerId, string NetNs, string IfName, string Version, string Args, byte[] Result);
