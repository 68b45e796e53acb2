using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using Cni.Internal;

namespace Cni;

/// <summary>
/// The <c>CNI_ARGS</c> variable: <c>KEY=VALUE</c> pairs separated by <c>;</c>, with typed access to the
/// conventional keys. Reading a key never fails because other keys are unknown; a plugin that wants the
/// reference's strictness calls <see cref="EnsureKnownKeys"/>. See docs/config.md for the parsing rules.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named after the CNI_ARGS variable it reads.")]
public sealed class CniArgs : IReadOnlyDictionary<string, string>
{
    private readonly OrderedDictionary<string, string> _pairs;

    private CniArgs(OrderedDictionary<string, string> pairs, bool ignoreUnknown)
    {
        _pairs = pairs;
        IgnoreUnknown = ignoreUnknown;
    }

    /// <summary>No arguments.</summary>
    public static CniArgs Empty { get; } = new(new(StringComparer.Ordinal), ignoreUnknown: false);

    /// <summary>Whether <c>IgnoreUnknown</c> is <c>1</c> or <c>true</c> (any case): unknown keys are then tolerated by <see cref="EnsureKnownKeys"/>.</summary>
    public bool IgnoreUnknown { get; }

    /// <summary>The pod's namespace (<c>K8S_POD_NAMESPACE</c>), or <see langword="null"/>.</summary>
    public string? PodNamespace => GetValueOrDefault("K8S_POD_NAMESPACE");

    /// <summary>The pod's name (<c>K8S_POD_NAME</c>), or <see langword="null"/>.</summary>
    public string? PodName => GetValueOrDefault("K8S_POD_NAME");

    /// <summary>The pod's sandbox container ID (<c>K8S_POD_INFRA_CONTAINER_ID</c>), or <see langword="null"/>.</summary>
    public string? PodInfraContainerId => GetValueOrDefault("K8S_POD_INFRA_CONTAINER_ID");

    /// <summary>The pod's UID (<c>K8S_POD_UID</c>), or <see langword="null"/>.</summary>
    public string? PodUid => GetValueOrDefault("K8S_POD_UID");

    /// <summary>The requested MAC address (<c>MAC</c>), as given, or <see langword="null"/>.</summary>
    public string? Mac => GetValueOrDefault("MAC");

    /// <inheritdoc/>
    public int Count => _pairs.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _pairs.Keys;

    /// <inheritdoc/>
    public IEnumerable<string> Values => _pairs.Values;

    /// <inheritdoc/>
    public string this[string key] => _pairs[key];

    /// <summary>
    /// Parses <c>CNI_ARGS</c>. Each pair is split at its first <c>=</c>, so a value may contain <c>=</c>;
    /// a repeated key keeps its last value; empty pairs (a trailing <c>;</c>) are skipped; nothing is trimmed.
    /// </summary>
    /// <param name="value">The variable's value; <see langword="null"/> or empty means no arguments.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="CniException">
    /// Code 4 with the reference's message: <c>ARGS: invalid pair "…"</c> for a pair without <c>=</c> or
    /// with an empty key, or a bad <c>IgnoreUnknown</c> value.
    /// </exception>
    public static CniArgs Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Empty;
        }

        var pairs = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var range in value.AsSpan().Split(';'))
        {
            var pair = value.AsSpan(range);
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                ThrowHelper.ThrowInvalidArgs($"ARGS: invalid pair \"{pair}\"");
            }

            pairs[pair[..equals].ToString()] = pair[(equals + 1)..].ToString();
        }

        var ignoreUnknown = false;
        if (pairs.TryGetValue("IgnoreUnknown", out var ignore))
        {
            ignoreUnknown = ignore.ToUpperInvariant() switch
            {
                "1" or "TRUE" => true,
                "0" or "FALSE" => false,
                _ => throw new CniException(
                    CniErrorCode.InvalidEnvironmentVariables,
                    $"ARGS: error parsing value of pair \"IgnoreUnknown={ignore}\": boolean unmarshal error: invalid input {ignore.ToLowerInvariant()}"),
            };
        }

        return new CniArgs(pairs, ignoreUnknown);
    }

    /// <summary>
    /// The requested addresses (<c>IP</c>): one, or several separated by <c>,</c>; an entry may carry a
    /// prefix length (<c>10.1.0.5/24</c>), which is dropped, as host-local reads it. Empty when absent.
    /// A plugin that needs the prefix (like static) reads the raw value with <see cref="TryGetValue"/>.
    /// </summary>
    /// <returns>The addresses, in order.</returns>
    /// <exception cref="CniException">Code 4 when an entry is not an address, with the reference's message.</exception>
    public IReadOnlyList<IPAddress> GetIPs()
    {
        if (!_pairs.TryGetValue("IP", out var value))
        {
            return [];
        }

        var addresses = new List<IPAddress>();
        foreach (var range in value.AsSpan().Split(','))
        {
            var entry = value.AsSpan(range);
            var address = JsonValues.ParseAddressWithOptionalPrefix(entry);
            if (address is null)
            {
                ThrowHelper.ThrowInvalidArgs($"ARGS: error parsing value of pair \"IP={value}\": invalid IP address {entry}");
            }

            addresses.Add(address);
        }

        return addresses;
    }

    /// <summary>
    /// Fails, as the reference's <c>LoadArgs</c> does, when a key is neither <c>IgnoreUnknown</c> nor one of
    /// <paramref name="knownKeys"/>, unless <see cref="IgnoreUnknown"/> is set.
    /// </summary>
    /// <param name="knownKeys">The keys the plugin reads.</param>
    /// <exception cref="CniException">Code 4: <c>ARGS: unknown args ["K=V" …]</c>.</exception>
    public void EnsureKnownKeys(params ReadOnlySpan<string> knownKeys)
    {
        if (IgnoreUnknown)
        {
            return;
        }

        StringBuilder? unknown = null;
        foreach (var (key, value) in _pairs)
        {
            if (key == "IgnoreUnknown" || knownKeys.Contains(key))
            {
                continue;
            }

            unknown = unknown is null ? new StringBuilder("ARGS: unknown args [") : unknown.Append(' ');
            unknown.Append('"').Append(key).Append('=').Append(value).Append('"');
        }

        if (unknown is not null)
        {
            ThrowHelper.ThrowInvalidArgs(unknown.Append(']').ToString());
        }
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _pairs.ContainsKey(key);

    /// <summary>Gets the value of any key.</summary>
    /// <param name="key">The key, compared case-sensitively, for example <c>"K8S_POD_NAME"</c>.</param>
    /// <param name="value">The value when found.</param>
    /// <returns>Whether the key is present.</returns>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _pairs.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _pairs.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The arguments as <c>CNI_ARGS</c> text: <c>K=V;K=V</c>, in order.</summary>
    public override string ToString() => string.Join(';', _pairs.Select(p => $"{p.Key}={p.Value}"));

    private string? GetValueOrDefault(string key) => _pairs.TryGetValue(key, out var value) ? value : null;
}
