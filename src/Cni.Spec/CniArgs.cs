using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using Cni.Internal.GoFormat;
using Cni.Internal.Json;

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

    // Every pair as given, repeats included, for the unknown-args message, which lists them all as the reference does.
    private readonly (string Key, string Value)[] _given;

    private readonly bool _ignoreUnknown;

    // Set when the plugin host could not parse CNI_ARGS: reported when the plugin reads them, not before,
    // as a reference plugin that never calls LoadArgs runs with any CNI_ARGS.
    private readonly CniException? _error;

    private CniArgs(OrderedDictionary<string, string> pairs, (string Key, string Value)[] given, bool ignoreUnknown)
    {
        _pairs = pairs;
        _given = given;
        _ignoreUnknown = ignoreUnknown;
    }

    private CniArgs(CniException error)
        : this(new(StringComparer.Ordinal), [], ignoreUnknown: false)
    {
        _error = error;
    }

    /// <summary>No arguments.</summary>
    public static CniArgs Empty { get; } = new(new(StringComparer.Ordinal), [], ignoreUnknown: false);

    /// <summary>Whether <c>IgnoreUnknown</c> is <c>1</c> or <c>true</c> (any case): unknown keys are then tolerated by <see cref="EnsureKnownKeys"/>.</summary>
    public bool IgnoreUnknown => Checked()._ignoreUnknown;

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
    public int Count => Pairs.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => Pairs.Keys;

    /// <inheritdoc/>
    public IEnumerable<string> Values => Pairs.Values;

    /// <inheritdoc/>
    public string this[string key] => Pairs[key];

    /// <summary>
    /// Parses <c>CNI_ARGS</c> as the reference's <c>types.LoadArgs</c> does: pairs separated by <c>;</c>, each
    /// holding exactly one <c>=</c> (so neither a value with <c>=</c> nor an empty pair is valid); the key may
    /// be empty; a repeated key keeps its last value; nothing is trimmed; pairs are checked in order.
    /// </summary>
    /// <param name="value">The variable's value; <see langword="null"/> or empty means no arguments.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="CniException">
    /// Code 999, as the reference answers, with its message: <c>ARGS: invalid pair "…"</c> for a pair without
    /// exactly one <c>=</c>, or a bad <c>IgnoreUnknown</c> value.
    /// </exception>
    public static CniArgs Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Empty;
        }

        var pairs = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        var given = new List<(string Key, string Value)>();
        var ignoreUnknown = false;
        foreach (var range in value.AsSpan().Split(';'))
        {
            var pair = value.AsSpan(range);
            var equals = pair.IndexOf('=');
            if (equals < 0 || pair[(equals + 1)..].Contains('='))
            {
                throw new CniException(CniErrorCode.Internal, $"ARGS: invalid pair {GoQuote.Quote(pair.ToString())}");
            }

            var key = pair[..equals].ToString();
            var text = pair[(equals + 1)..].ToString();
            if (key == "IgnoreUnknown")
            {
                ignoreUnknown = ParseBoolean(text);
            }

            pairs[key] = text;
            given.Add((key, text));
        }

        return new CniArgs(pairs, [.. given], ignoreUnknown);
    }

    /// <summary>
    /// The requested addresses (<c>IP</c>): one, or several separated by <c>,</c>; an entry may carry a
    /// prefix length (<c>10.1.0.5/24</c>), which is dropped, as host-local reads it. Empty when absent.
    /// A plugin that needs the prefix (like static) reads the raw value with <see cref="TryGetValue"/>.
    /// </summary>
    /// <returns>The addresses, in order.</returns>
    /// <exception cref="CniException">Code 999 when an entry is not an address, with the reference's message.</exception>
    public IReadOnlyList<IPAddress> GetIPs()
    {
        if (!Pairs.TryGetValue("IP", out var value))
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
                throw new CniException(CniErrorCode.Internal, $"ARGS: error parsing value of pair {GoQuote.Quote("IP=" + value)}: invalid IP address {entry}");
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
    /// <exception cref="CniException">Code 999: <c>ARGS: unknown args ["K=V" …]</c>, every unknown pair in order, repeats included.</exception>
    public void EnsureKnownKeys(params ReadOnlySpan<string> knownKeys)
    {
        if (IgnoreUnknown)
        {
            return;
        }

        StringBuilder? unknown = null;
        foreach (var (key, value) in Checked()._given)
        {
            if (key == "IgnoreUnknown" || knownKeys.Contains(key))
            {
                continue;
            }

            unknown = unknown is null ? new StringBuilder("ARGS: unknown args [") : unknown.Append(' ');
            unknown.Append(GoQuote.Quote(key + "=" + value));
        }

        if (unknown is not null)
        {
            throw new CniException(CniErrorCode.Internal, unknown.Append(']').ToString());
        }
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => Pairs.ContainsKey(key);

    /// <summary>Gets the value of any key.</summary>
    /// <param name="key">The key, compared case-sensitively, for example <c>"K8S_POD_NAME"</c>.</param>
    /// <param name="value">The value when found.</param>
    /// <returns>Whether the key is present.</returns>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => Pairs.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Pairs.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The arguments as <c>CNI_ARGS</c> text: <c>K=V;K=V</c>, in order.</summary>
    public override string ToString() => string.Join(';', _pairs.Select(p => $"{p.Key}={p.Value}"));

    // The reference's UnmarshallableBool: 1, 0, true, false in any case.
    private static bool ParseBoolean(string text) => text.ToUpperInvariant() switch
    {
        "1" or "TRUE" => true,
        "0" or "FALSE" => false,
        _ => throw new CniException(
            CniErrorCode.Internal,
            $"ARGS: error parsing value of pair {GoQuote.Quote("IgnoreUnknown=" + text)}: boolean unmarshal error: invalid input {text.ToLowerInvariant()}"),
    };

    /// <summary>
    /// For the plugin host: the parsed arguments, or, when they do not parse, arguments that throw the parse
    /// error (a new <see cref="CniException"/> with its code and message) from every member but
    /// <see cref="ToString"/>, so the error reaches only a plugin that reads them.
    /// </summary>
    internal static CniArgs ParseWhenRead(string? value)
    {
        try
        {
            return Parse(value);
        }
        catch (CniException e)
        {
            return new CniArgs(e);
        }
    }

    private OrderedDictionary<string, string> Pairs => Checked()._pairs;

    private CniArgs Checked() => _error is null ? this : throw new CniException(_error.Code, _error.Message);

    private string? GetValueOrDefault(string key) => Pairs.TryGetValue(key, out var value) ? value : null;
}
