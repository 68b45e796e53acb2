using System.Text.Json.Serialization;

namespace Cni;

/// <summary>DNS settings, in a result (<c>dns</c>) or a network configuration.</summary>
public sealed class CniDns
{
    /// <summary>Name servers, in priority order.</summary>
    [JsonPropertyName("nameservers")]
    public IList<string> Nameservers { get; init; } = [];

    /// <summary>The local domain for short-name lookups.</summary>
    [JsonPropertyName("domain")]
    public string? Domain { get; set; }

    /// <summary>Search domains, in priority order.</summary>
    [JsonPropertyName("search")]
    public IList<string> Search { get; init; } = [];

    /// <summary>Resolver options.</summary>
    [JsonPropertyName("options")]
    public IList<string> Options { get; init; } = [];

    /// <summary>Whether nothing is set (the reference then omits <c>dns</c> from a result).</summary>
    [JsonIgnore]
    public bool IsEmpty => Nameservers.Count == 0 && Domain is null && Search.Count == 0 && Options.Count == 0;
}
