namespace Cni.OpenTelemetry.Internal;

/// <summary>Reads <c>OTEL_RESOURCE_ATTRIBUTES</c>: <c>key=value</c> pairs separated by commas, values percent-encoded.</summary>
internal static class ResourceAttributes
{
    /// <summary>The resource attribute that names the service.</summary>
    public const string ServiceName = "service.name";

    /// <summary>The pairs in the order given; a pair without <c>=</c> or with an empty key is skipped, as the specification says to.</summary>
    /// <param name="value">The variable's value, or <see langword="null"/>.</param>
    public static List<KeyValuePair<string, object>> Parse(string? value)
    {
        var attributes = new List<KeyValuePair<string, object>>();
        foreach (var pair in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals].Trim() is { Length: > 0 } key)
            {
                attributes.Add(new(key, Uri.UnescapeDataString(pair[(equals + 1)..].Trim())));
            }
        }

        return attributes;
    }
}
