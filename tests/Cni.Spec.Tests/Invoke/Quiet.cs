namespace Cni.Tests.Invoke;

/// <summary>Invokers for tests: a successful plugin's stderr is dropped instead of reaching the test output.</summary>
internal static class Quiet
{
    public static CniPluginInvoker Invoker(Action<CniPluginInvokerOptions>? configure = null)
    {
        var options = new CniPluginInvokerOptions { Stderr = Stream.Null };
        configure?.Invoke(options);
        return new CniPluginInvoker(options);
    }

    public static CniInvokeArgs Add => new() { Command = "ADD", ContainerId = "cnit-ctr", NetNs = "/var/run/netns/cnit-ns", IfName = "eth0", Path = "/nowhere" };
}
