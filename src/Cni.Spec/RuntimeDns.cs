namespace Cni;

/// <summary>
/// DNS settings a runtime passes (<c>runtimeConfig.dns</c>, the <c>dns</c> capability). The keys differ from a
/// result's <c>dns</c>: <c>servers</c>, <c>searches</c>, <c>options</c>.
/// </summary>
public sealed class RuntimeDns
{
    /// <summary>Name servers (<c>servers</c>).</summary>
    public IReadOnlyList<string> Servers { get; init; } = [];

    /// <summary>Search domains (<c>searches</c>).</summary>
    public IReadOnlyList<string> Searches { get; init; } = [];

    /// <summary>Resolver options (<c>options</c>).</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
}
