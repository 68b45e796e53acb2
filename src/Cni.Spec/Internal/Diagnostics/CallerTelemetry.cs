using System.Diagnostics;

namespace Cni.Internal.Diagnostics;

/// <summary>
/// The spans of the side that runs plugins: the runtime's network operations (<c>network ADD</c>, an
/// internal span around a whole list) and each plugin run, by the runtime or by a plugin delegating
/// (<c>ADD bridge</c>, a client span: the plugin serves it in another process). The invoker passes the
/// current span on to the plugin as <c>TRACEPARENT</c>, so a plugin's own span is the child of its
/// invocation span. <see langword="null"/> and nothing built when nothing listens.
/// </summary>
internal static class CallerTelemetry
{
    /// <summary>Starts the span of a runtime operation on a network list (<c>network ADD</c>).</summary>
    public static Activity? StartOperation(string command, NetworkConfigList list, CniAttachmentRequest? attachment)
    {
        var source = SpecTelemetry.Source;
        if (!source.HasListeners() || source.StartActivity("network " + command, ActivityKind.Internal) is not { } activity)
        {
            return null;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryTags.Command, command);
            activity.SetTag(TelemetryTags.NetworkName, list.Name);
            activity.SetTag(TelemetryTags.Version, list.CniVersion.ToString());
            if (attachment is not null)
            {
                activity.SetTag(TelemetryTags.ContainerId, attachment.ContainerId);
                activity.SetTag(TelemetryTags.IfName, attachment.IfName);
            }
        }

        return activity;
    }

    /// <summary>Starts the span of one plugin run (<c>ADD bridge</c>); the path is added once found.</summary>
    public static Activity? StartInvocation(string command, string pluginType)
    {
        var source = SpecTelemetry.Source;
        if (!source.HasListeners() || source.StartActivity(command + " " + pluginType, ActivityKind.Client) is not { } activity)
        {
            return null;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryTags.Command, command);
            activity.SetTag(TelemetryTags.PluginType, pluginType);
        }

        return activity;
    }

    /// <summary>Adds the binary found on the plugin path to an invocation span.</summary>
    public static void SetPluginPath(Activity? invocation, string path)
    {
        if (invocation is { IsAllDataRequested: true })
        {
            invocation.SetTag(TelemetryTags.PluginPath, path);
        }
    }

    /// <summary>Marks a span failed: error status with the message, and the CNI error code when there is one.</summary>
    public static void Fail(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        if (activity.IsAllDataRequested && error is CniException cni)
        {
            activity.SetTag(TelemetryTags.ErrorCode, (int)cni.Code);
        }
    }
}
