using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Cni.Internal.Config;

namespace Cni;

/// <summary>
/// One JSON object of a network configuration (the root, or an object inside it), from which a plugin
/// reads its own keys by hand, in a reader given to <see cref="CniPlugin.CreateBuilder{TConfig}(Func{JsonElement, TConfig})"/>.
/// Each getter follows System.Text.Json's rules for a property of its type: keys match exactly, the last
/// of two equal keys wins, an absent key leaves the default. A value of the wrong JSON type throws
/// <see cref="CniException"/> with code 6 (decoding failure) and a message that names the key's path,
/// as the standard keys' errors do: <c>error parsing configuration: $.mtu must be a number, not a string</c>.
/// </summary>
/// <example>
/// <code>
/// public static BridgeConfig Read(JsonElement json)
/// {
///     var keys = new ConfigObject(json);
///     var config = new BridgeConfig();
///     config.BridgeName = keys.GetString("bridge", config.BridgeName);
///     config.Mtu = keys.GetInt32("mtu", config.Mtu);
///     return config;
/// }
/// </code>
/// </example>
public readonly struct ConfigObject
{
    private readonly ConfigErrors? _errors;

    /// <summary>Wraps an object of the configuration.</summary>
    /// <param name="json">The object.</param>
    /// <param name="path">Where it is in the configuration, for error messages: <c>$</c> for the root, <c>$.vlanTrunk[0]</c>.</param>
    /// <exception cref="CniException">Code 6 when <paramref name="json"/> is not an object.</exception>
    public ConfigObject(JsonElement json, string path = "$")
        : this(json, path, ConfigErrors.Network)
    {
    }

    internal ConfigObject(JsonElement json, string path, ConfigErrors errors)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        errors.RequireKind(json, JsonValueKind.Object, path);
        Json = json;
        Path = path;
        _errors = errors;
    }

    /// <summary>The object, for keys the getters do not cover.</summary>
    public JsonElement Json { get; }

    /// <summary>Where the object is in the configuration (<c>$</c> for the root), as error messages name it.</summary>
    public string Path { get; }

    /// <summary>One member of this object as a value with its path (<c>$.key</c>), as generated readers read every key.</summary>
    /// <param name="member">A member of <see cref="Json"/>.</param>
    /// <returns>The member's value.</returns>
    public ConfigValue ValueOf(JsonProperty member) => ConfigValue.OfMember(member, Path, Errors);

    /// <summary>Reads a <c>true</c>/<c>false</c> key; <c>null</c> is an error, as it is for a <see cref="bool"/> property.</summary>
    /// <param name="key">The key, matched exactly.</param>
    /// <param name="defaultValue">The value when the key is absent.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CniException">Code 6 when the value is not a boolean.</exception>
    public bool GetBoolean(string key, bool defaultValue = false)
        => TryRead(key, static value => value.GetBoolean(), out var value) ? value : defaultValue;

    /// <summary>Reads an integer key; <c>null</c>, a fraction or a number beyond <see cref="int"/> is an error.</summary>
    /// <param name="key">The key, matched exactly.</param>
    /// <param name="defaultValue">The value when the key is absent.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CniException">Code 6 when the value is not an integer that fits an <see cref="int"/>.</exception>
    public int GetInt32(string key, int defaultValue = 0)
        => TryRead(key, static value => value.GetInt32(), out var value) ? value : defaultValue;

    /// <summary>Reads an integer key that may be absent or <c>null</c>, as an <c>int?</c> property reads.</summary>
    /// <param name="key">The key, matched exactly.</param>
    /// <returns>The value, or <see langword="null"/> when the key is absent or <c>null</c>.</returns>
    /// <exception cref="CniException">Code 6 when the value is not an integer that fits an <see cref="int"/>.</exception>
    public int? GetNullableInt32(string key)
        => TryRead(key, static value => value.IsNull ? null : (int?)value.GetInt32(), out var value) ? value : null;

    /// <summary>
    /// Reads a string key. <c>null</c> counts as absent: the default stays, as Go's decoder leaves a field
    /// (System.Text.Json would set <see langword="null"/> where the property's type may not allow it).
    /// </summary>
    /// <param name="key">The key, matched exactly.</param>
    /// <param name="defaultValue">The value when the key is absent or <c>null</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CniException">Code 6 when the value is not a string.</exception>
    [return: NotNullIfNotNull(nameof(defaultValue))]
    public string? GetString(string key, string? defaultValue = null)
        => TryRead(key, static value => value.IsNull ? null : value.GetString(), out var value) ? value ?? defaultValue : defaultValue;

    /// <summary>Reads an object key, to read its keys in turn.</summary>
    /// <param name="key">The key, matched exactly.</param>
    /// <returns>The object, or <see langword="null"/> when the key is absent or <c>null</c>.</returns>
    /// <exception cref="CniException">Code 6 when the value is not an object.</exception>
    public ConfigObject? GetObject(string key)
        => TryRead(key, static value => value.IsNull ? null : (ConfigObject?)value.GetObject(), out var value) ? value : null;

    /// <summary>Reads an array of objects, each with <paramref name="read"/>; a <c>null</c> item stays <see langword="null"/>.</summary>
    /// <typeparam name="T">What an item becomes.</typeparam>
    /// <param name="key">The key, matched exactly.</param>
    /// <param name="read">Reads one item, given with its path (<c>$.key[0]</c>).</param>
    /// <returns>The items in order, or <see langword="null"/> when the key is absent or <c>null</c>.</returns>
    /// <exception cref="CniException">Code 6 when the value is not an array, or an item neither an object nor <c>null</c>.</exception>
    public IReadOnlyList<T?>? GetObjects<T>(string key, Func<ConfigObject, T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        return TryRead(key, value => value.IsNull ? null : value.GetItems(item => item.IsNull ? null : read(item.GetObject())), out var items) ? items : null;
    }

    // Every occurrence of the key is read and the last one kept, as the serializer does: a bad value is
    // an error even when an equal key after it is good.
    private bool TryRead<T>(string key, Func<ConfigValue, T> read, out T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var found = false;
        value = default!;
        foreach (var member in Json.EnumerateObject())
        {
            if (member.NameEquals(key))
            {
                value = read(ValueOf(member));
                found = true;
            }
        }

        return found;
    }

    // A default instance has no errors set; it reads as the network configuration's root.
    private ConfigErrors Errors => _errors ?? ConfigErrors.Network;
}
