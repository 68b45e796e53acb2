namespace Cni.Tool.Running;

/// <summary>One execution of a plugin: its whole environment (a runtime passes only CNI_* and PATH) and stdin.</summary>
internal sealed record PluginCall(IReadOnlyDictionary<string, string> Environment, byte[] Stdin);
