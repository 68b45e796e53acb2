using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Cni.Internal.Diagnostics;
using Cni.Internal.Host;
using Cni.Internal.Json;
using Cni.Internal.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Cni;

public sealed partial class CniPlugin<TConfig>
{
    private const string LoggerCategory = "plugin";

    /// <summary>
    /// The whole run: validation in skel's order, then the handler, then the output. Everything a
    /// run writes goes through here, for <see cref="RunAsync()"/> and <see cref="InvokeAsync"/> alike.
    /// The host's own I/O is synchronous (stdin and outputs are small), so VERSION and validation
    /// errors never start the thread pool; stderr is opened only when something is written to it.
    /// </summary>
    private async Task<int> ExecuteAsync(
        Func<string, string?> environment,
        Func<byte[]> readStdin,
        Stream stdout,
        Func<TextWriter> stderr,
        CancellationToken cancellationToken)
    {
        if (_add is null)
        {
            throw new InvalidOperationException("Register an ADD handler with OnAdd before running the plugin.");
        }

        var errorVersion = SupportedVersions.Newest.ToString();
        LogSink? logSink = null;
        IDisposable?[]? scopes = null;
        VerbTelemetry telemetry = default;
        CniErrorCode? failure = null;
        string? failureMessage = null;
        Exception? unexpected = null;
        try
        {
            var commandText = environment(CniEnvironment.Command);
            if (string.IsNullOrEmpty(commandText))
            {
                stderr().Write(HostOutput.About(About, SupportedVersions));
                return 0;
            }

            CommandScope.StartAll(_commandScopes, environment, ref scopes);
            telemetry = VerbTelemetry.Start(commandText, environment);
            CniEnvironment.ThrowIfMissing(commandText, environment);
            if (commandText == "VERSION")
            {
                stdout.Write(HostOutput.Version(SupportedVersions));
                return 0;
            }

            var stdin = ReadStdin(readStdin);
            var document = StdinDocument.Parse(stdin);
            var header = ConfigHeader.Read(document);
            if (telemetry.IsRecording)
            {
                telemetry.SetConfig(header.Name, TypeOf(document), header.CniVersion);
            }

            if (header.CniVersion is { } requested && SupportedVersions.Versions.Any(v => v.ToString() == requested))
            {
                errorVersion = requested;
            }

            logSink = new LogSink(header.LogFile, LogSink.ParseLevel(header.LogLevel, !string.IsNullOrEmpty(header.LogFile)), stderr());
            var (command, version) = Validate(commandText, header, environment);
            errorVersion = version.ToString();

            var config = _parseConfig(document, stdin);
            var args = CniArgs.ParseWhenRead(environment(CniEnvironment.Args));
            var prevResult = header.PrevResult is { } previous ? ParsePrevResult(previous, version) : null;

            IServiceCollection services = new ServiceCollection();
            foreach (var descriptor in _services)
            {
                services.Add(descriptor);
            }

            AddLogSink(services, logSink);
            var provider = services.BuildServiceProvider();
            await using (provider.ConfigureAwait(false))
            {
                var request = new CniRequest<TConfig>(
                    command,
                    version,
                    config,
                    stdin,
                    prevResult,
                    provider,
                    // Straight from the sink, no container lookup. Handlers and libraries that inject ILogger<T>
                    // get loggers onto the same sink (AddLogSink).
                    logSink.CreateLogger(LoggerCategory))
                {
                    ContainerId = environment(CniEnvironment.ContainerId) ?? "",
                    NetNs = NullIfEmpty(environment(CniEnvironment.NetNs)),
                    IfName = environment(CniEnvironment.IfName) ?? "",
                    Args = args,
                    Path = (environment(CniEnvironment.Path) ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries),
                };
                var output = await DispatchAsync(request, cancellationToken).ConfigureAwait(false);
                stdout.Write(output);
                return 0;
            }
        }
        catch (CniException ex)
        {
            (failure, failureMessage) = (ex.Code, ex.Message);
            stdout.Write(HostOutput.Error(errorVersion, ex.Code, ex.Message, ex.Details));
            return 1;
        }
#pragma warning disable CA1031 // Whatever a handler throws must become the spec's error JSON, never a crash with a stack trace on stdout.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            (failure, failureMessage, unexpected) = (CniErrorCode.Internal, ex.Message, ex);
            // The error first: the runtime must get it whatever happens to the log line.
            stdout.Write(HostOutput.Error(errorVersion, CniErrorCode.Internal, ex.Message, null));
            HostLog.HandlerFailed((logSink ?? new LogSink(null, LogLevel.Error, stderr())).CreateLogger(LoggerCategory), environment(CniEnvironment.Command), ex);
            return 1;
        }
        finally
        {
            logSink?.Dispose();
            telemetry.Stop(failure, failureMessage, unexpected);
            CommandScope.StopAll(_commandScopes, scopes);
        }
    }

    // The configuration's "type", for the span only (read only when recorded, as it allocates the string).
    private static string? TypeOf(JsonElement document)
        => document.ValueKind == JsonValueKind.Object && document.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    /// <summary>
    /// Wires the sink to the loggers handlers and libraries inject. A plugin that did not ask for logging
    /// gets <see cref="LogSinkLoggerFactory"/>, loggers straight onto the sink, and <see cref="ILogger{TCategoryName}"/>
    /// over it, without the options services AddLogging brings along: the container checks every open
    /// generic service at build time, by reflection, and those checks and Microsoft.Extensions.Logging's
    /// own factory cost a NativeAOT plugin more than the rest of building the container. A plugin that
    /// registered its own factory (AddLogging does) keeps it, and the sink joins it as one more
    /// <see cref="ILoggerProvider"/>: the factory AddLogging registers takes every registered provider,
    /// and does not dispose them, so the host can still log a handler's failure after the container is gone.
    /// </summary>
    private static void AddLogSink(IServiceCollection services, LogSink logSink)
    {
        if (services.Any(d => d.ServiceType == typeof(ILoggerFactory)))
        {
            services.AddSingleton<ILoggerProvider>(logSink);
        }
        else
        {
            services.AddSingleton<ILoggerFactory>(_ => new LogSinkLoggerFactory(logSink));
        }

        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
    }

    /// <summary>Every check skel makes after reading stdin, in its order; returns the command and the version to answer in.</summary>
    private (CniCommand Command, CniVersion Version) Validate(string commandText, ConfigHeader header, Func<string, string?> environment)
    {
        IdentifierRules.ValidateNetworkName(header.Name);
        var command = commandText switch
        {
            "ADD" => CniCommand.Add,
            "DEL" => CniCommand.Del,
            "CHECK" => CniCommand.Check,
            "GC" => CniCommand.Gc,
            "STATUS" => CniCommand.Status,
            _ => throw new CniException(CniErrorCode.InvalidEnvironmentVariables, $"unknown CNI_COMMAND: {commandText}"),
        };
        var netNs = NullIfEmpty(environment(CniEnvironment.NetNs));
        if (command is CniCommand.Add or CniCommand.Del or CniCommand.Check)
        {
            IdentifierRules.ValidateContainerId(environment(CniEnvironment.ContainerId));
            IdentifierRules.ValidateInterfaceName(environment(CniEnvironment.IfName));
        }

        header.ThrowIfCniVersionNotString();
        var version = VersionRules.Reconcile(command, header.CniVersion, SupportedVersions);

        // The reference checks this only after ADD or DEL succeeded, when the damage is done; the host
        // refuses before the handler runs. CNI_NETNS_OVERRIDE=true (or 1) allows it, as in the reference.
        if (netNs is not null && command is CniCommand.Add or CniCommand.Del or CniCommand.Check
            && !IsNetNsOverride(environment(CniEnvironment.NetNsOverride))
            && NetworkNamespaceIdentity.IsOwnNamespace(netNs))
        {
            throw new CniException(CniErrorCode.InvalidNetNs, "plugin's netns and netns from CNI_NETNS should not be the same", netNs);
        }

        return (command, version);
    }

    private async Task<byte[]> DispatchAsync(CniRequest<TConfig> request, CancellationToken cancellationToken)
    {
        var handler = request.Command switch
        {
            CniCommand.Del => _del,
            CniCommand.Check => _check,
            CniCommand.Gc => _gc,
            CniCommand.Status => _status,
            _ => null,
        };
        if (request.Command != CniCommand.Add)
        {
            if (handler is not null)
            {
                await handler(request, cancellationToken).ConfigureAwait(false);
            }

            return [];
        }

        var result = await _add!(request, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The ADD handler returned no result.");

        // Written to memory first: a result that cannot be expressed in the request's version becomes
        // an error, not half a document.
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, CniJson.Indented))
        {
            result.WriteTo(writer, request.Version);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] ReadStdin(Func<byte[]> readStdin)
    {
        try
        {
            return readStdin();
        }
        catch (IOException ex)
        {
            throw new CniException(CniErrorCode.IOFailure, $"error reading from stdin: {ex.Message}", null, ex);
        }
    }

    // The result model is read from the value's bytes in the one document, not from a copy.
    private static CniResult ParsePrevResult(JsonElement json, CniVersion version)
    {
        ResultVersions.ThrowIfPrevResultFamilyDiffers(json, version);
        try
        {
            return CniResult.Parse(JsonMarshal.GetRawUtf8Value(json), version);
        }
        catch (CniException ex)
        {
            throw new CniException(ex.Code, $"could not parse prevResult: {ex.Message}", ex.Details, ex);
        }
    }

    private static bool IsNetNsOverride(string? value)
        => value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
