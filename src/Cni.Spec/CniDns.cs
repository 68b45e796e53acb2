using System.Text.Json.Serialization;

namespace Cni;

/// <summary>DNS settings, in a result (<c>dns</c>) or a network configuration.</summary>
/// <remarks>
/// The lists are never null: source-generated JSON sets a missing init-only list to null, which
/// the setters turn back into an empty list.
/// </remarks>
[GenerateConfigReader]
public sealed partial class CniDns
{
    /// <summary>Name servers, in priority order.</summary>
    [JsonPropertyName("nameservers")]
    public IList<string> Nameservers { get; init => field = value ?? []; } = [];

    /// <summary>The local domain for short-name lookups.</summary>
    [JsonPropertyName("domain")]
    public string? Domain { get; set; }

    /// <summary>Search domains, in priority order.</summary>
    [JsonPropertyName("search")]
    public IList<string> Search { get; init => field = value ?? []; } = [];

    /// <summary>Resolver options.</summary>
    [JsonPropertyName("options")]
    public IList<string> Options { get; init => field = value ?? []; } = [];

    /// <summary>Whether nothing is set (the reference then omits <c>dns</c> from a result).</summary>
    [JsonIgnore]
    public bool IsEmpty => Nameservers.Count == 0 && Domain is null && Search.Count == 0 && Options.Count == 0;
}
