namespace Cni.Tests.PluginHost;

/// <summary>
/// One bad invocation and the error expected for it. <see cref="MessageIsPrefix"/> marks messages
/// whose tail is Go's JSON decoder text, which the host does not reproduce word for word.
/// </summary>
internal sealed record ValidationCase(
    Dictionary<string, string> Environment,
    string Stdin,
    CniErrorCode Code,
    string Message,
    string? Details = null,
    bool MessageIsPrefix = false);
