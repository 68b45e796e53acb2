namespace Cni.Internal.Host;

/// <summary>
/// Reads a plugin's configuration from stdin: through the plugin's source-generated metadata, or by
/// hand for plugins that need only the standard keys.
/// </summary>
/// <typeparam name="TConfig">The plugin's configuration class.</typeparam>
/// <param name="json">The whole of stdin.</param>
internal delegate TConfig ConfigParser<TConfig>(ReadOnlySpan<byte> json)
    where TConfig : NetworkConfig;
