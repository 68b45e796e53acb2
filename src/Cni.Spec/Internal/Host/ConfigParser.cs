using System.Text.Json;

namespace Cni.Internal.Host;

/// <summary>
/// Reads a plugin's configuration: from the document the host parsed stdin into (generated or hand-written
/// readers), or through the
/// plugin's source-generated metadata, which reads stdin's bytes itself.
/// </summary>
/// <typeparam name="TConfig">The plugin's configuration class.</typeparam>
/// <param name="document">Stdin, parsed once by the host (<see cref="StdinDocument"/>).</param>
/// <param name="stdin">The whole of stdin.</param>
internal delegate TConfig ConfigParser<TConfig>(JsonElement document, ReadOnlySpan<byte> stdin)
    where TConfig : NetworkConfig;
