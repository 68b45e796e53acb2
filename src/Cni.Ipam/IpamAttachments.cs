using System.Text.Json;
using Cni.Internal.Json;

namespace Cni.Ipam;

/// <summary>The attachments a GC request says are still in use.</summary>
public static class IpamAttachments
{
    /// <summary>
    /// The attachments of a GC request: <c>cni.dev/valid-attachments</c> (what libcni sends), or else
    /// <c>cni.dev/attachments</c>; <see langword="null"/> when the configuration has neither key.
    /// </summary>
    /// <typeparam name="TConfig">The plugin's configuration class.</typeparam>
    /// <param name="request">The GC request.</param>
    /// <returns>The attachments, or <see langword="null"/>.</returns>
    public static IReadOnlyList<CniAttachment>? From<TConfig>(CniRequest<TConfig> request)
        where TConfig : NetworkConfig
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Config.ValidAttachments ?? Read(request.ConfigJson.Span, "cni.dev/attachments"u8);
    }

    /// <summary>
    /// As <see cref="From{TConfig}"/>, with an empty list when the configuration has neither key: nothing
    /// is in use, so garbage collection releases every allocation of the network.
    /// </summary>
    /// <typeparam name="TConfig">The plugin's configuration class.</typeparam>
    /// <param name="request">The GC request.</param>
    /// <returns>The attachments, possibly none.</returns>
    public static IReadOnlyList<CniAttachment> FromOrEmpty<TConfig>(CniRequest<TConfig> request)
        where TConfig : NetworkConfig
        => From(request) ?? [];

    private static List<CniAttachment>? Read(ReadOnlySpan<byte> json, ReadOnlySpan<byte> key)
    {
        // The depth the configuration itself was read with, so a configuration it took does not fail here.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonKinds.MaxDepth });
        using var document = JsonDocument.ParseValue(ref reader);
        if (!document.RootElement.TryGetProperty(key, out var list))
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "error parsing configuration: cni.dev/attachments must be an array");
        }

        var result = new List<CniAttachment>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new CniException(CniErrorCode.DecodingFailure, "error parsing configuration: cni.dev/attachments entries must be objects");
            }

            result.Add(new CniAttachment
            {
                ContainerId = Text(item, "containerID"u8),
                IfName = Text(item, "ifname"u8),
            });
        }

        return result;
    }

    private static string Text(JsonElement item, ReadOnlySpan<byte> key)
        => item.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
