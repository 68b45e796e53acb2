using Cni.Internal.GoFormat;

namespace Cni.Internal.Invoke;

/// <summary>
/// Turns a failed plugin run into the error libcni reports for it (pkg/invoke, <c>pluginErr</c>):
/// the plugin's own error JSON from stdout when there is any, otherwise its stderr, otherwise the
/// process error. Errors made up here have code 0, as in libcni.
/// </summary>
internal static class PluginFailure
{
    /// <summary>Builds the error for a run that did not succeed.</summary>
    /// <param name="processError">What went wrong with the process, in Go's words (<c>exit status 1</c>).</param>
    /// <param name="stdout">What the plugin wrote to stdout.</param>
    /// <param name="stderr">What the plugin wrote to stderr.</param>
    public static CniException Create(string processError, ReadOnlySpan<byte> stdout, ReadOnlySpan<byte> stderr)
    {
        if (stdout.IsEmpty)
        {
            return new CniException(
                CniErrorCode.Unknown,
                stderr.IsEmpty
                    ? $"netplugin failed with no error message: {processError}"
                    : $"netplugin failed: {GoQuote.Quote(stderr)}: {processError}");
        }

        return PluginErrorJson.TryRead(stdout, out var error, out var problem)
            ? error
            : new CniException(
                CniErrorCode.Unknown,
                $"netplugin failed but error parsing its diagnostic message {GoQuote.Quote(stdout)}: {problem}");
    }
}
