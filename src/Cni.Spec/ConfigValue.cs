using System.Globalization;
using System.Text.Json;
using Cni.Internal.Config;
using Cni.Internal.Json;

namespace Cni;

/// <summary>
/// One value of a configuration with where it is (<see cref="Path"/>), read into a .NET type with the
/// configuration's errors: a value of the wrong JSON type throws <see cref="CniException"/> with code 6 and a
/// message naming the path (<c>error parsing configuration: $.mtu must be a number, not a string</c>).
/// Readers written by the <see cref="GenerateConfigReaderAttribute"/> generator read every key through it;
/// a type with a static <c>ReadConfigValue(ConfigValue)</c> method reads itself from one.
/// </summary>
public readonly struct ConfigValue
{
    private readonly ConfigErrors? _errors;

    // The path is put together only when an error needs it: a member's or an item's path from its
    // parent's, so reading a valid configuration builds no path strings.
    private readonly string? _parentPath;
    private readonly JsonProperty _member;
    private readonly int _index;
    private readonly bool _isMember;

    internal ConfigValue(JsonElement json, string path, ConfigErrors errors)
    {
        Json = json;
        _parentPath = path;
        _index = -1;
        _errors = errors;
    }

    private ConfigValue(JsonElement json, string parentPath, JsonProperty member, bool isMember, int index, ConfigErrors errors)
    {
        Json = json;
        _parentPath = parentPath;
        _member = member;
        _isMember = isMember;
        _index = index;
        _errors = errors;
    }

    /// <summary>The value.</summary>
    public JsonElement Json { get; }

    /// <summary>Where the value is in the configuration, as error messages name it: <c>$.dns.nameservers[0]</c>.</summary>
    public string Path => _isMember ? $"{_parentPath}.{_member.Name}" : _index >= 0 ? JsonValues.Index(_parentPath!, _index) : _parentPath ?? "$";

    /// <summary>Whether the value is JSON <c>null</c>.</summary>
    public bool IsNull => Json.ValueKind == JsonValueKind.Null;

    /// <summary>Reads a string; <c>null</c> is an error.</summary>
    /// <returns>The string.</returns>
    /// <exception cref="CniException">Code 6 when the value is not a string.</exception>
    public string GetString()
    {
        RequireKind(JsonValueKind.String);
        return Json.GetString()!;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>; <c>null</c> is an error.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="CniException">Code 6 when the value is not a boolean.</exception>
    public bool GetBoolean()
    {
        if (Json.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            RequireKind(JsonValueKind.True);
        }

        return Json.GetBoolean();
    }

    /// <summary>Reads an integer that fits a <see cref="long"/>; <c>null</c> or a fraction is an error.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="CniException">Code 6 when the value is not such an integer.</exception>
    public long GetInt64()
    {
        RequireKind(JsonValueKind.Number);
        if (!Json.TryGetInt64(out var number))
        {
            Errors.Throw(Path, $"{Path} must be an integer, not {Json.GetRawText()}");
        }

        return number;
    }

    /// <summary>Reads an integer that fits an <see cref="int"/>; <c>null</c> or a fraction is an error.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="CniException">Code 6 when the value is not such an integer.</exception>
    public int GetInt32()
    {
        var number = GetInt64();
        if (number is < int.MinValue or > int.MaxValue)
        {
            Errors.Throw(Path, $"{Path} is out of range: {number.ToString(CultureInfo.InvariantCulture)}");
        }

        return (int)number;
    }

    /// <summary>Reads an object, to read its keys in turn; <c>null</c> is an error.</summary>
    /// <returns>The object.</returns>
    /// <exception cref="CniException">Code 6 when the value is not an object.</exception>
    public ConfigObject GetObject() => new(Json, Path, Errors);

    /// <summary>Reads an array, each item with <paramref name="read"/>, given with its path (<c>$.key[0]</c>); <c>null</c> is an error.</summary>
    /// <typeparam name="T">What an item becomes.</typeparam>
    /// <param name="read">Reads one item.</param>
    /// <returns>The items in order.</returns>
    /// <exception cref="CniException">Code 6 when the value is not an array, and what <paramref name="read"/> throws.</exception>
    public T[] GetItems<T>(Func<ConfigValue, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        RequireKind(JsonValueKind.Array);
        var items = new T[Json.GetArrayLength()];
        var path = Path;
        var i = 0;
        foreach (var item in Json.EnumerateArray())
        {
            items[i] = read(new ConfigValue(item, path, default, isMember: false, i, Errors));
            i++;
        }

        return items;
    }

    /// <summary>Reads an object whose values are all <c>true</c> or <c>false</c> (<c>capabilities</c>); <c>null</c> is an error.</summary>
    /// <returns>The keys and values; of two equal keys the last one.</returns>
    /// <exception cref="CniException">Code 6 when the value is not such an object.</exception>
    public Dictionary<string, bool> GetBooleans()
    {
        RequireKind(JsonValueKind.Object);
        var values = new Dictionary<string, bool>(StringComparer.Ordinal);
        var path = Path;
        foreach (var member in Json.EnumerateObject())
        {
            values[member.Name] = OfMember(member, path, Errors).GetBoolean();
        }

        return values;
    }

    internal static ConfigValue OfMember(JsonProperty member, string objectPath, ConfigErrors errors)
        => new(member.Value, objectPath, member, isMember: true, -1, errors);

    // A default instance has no errors set; it reads as the network configuration's root.
    private ConfigErrors Errors => _errors ?? ConfigErrors.Network;

    // The path is put together only for the error.
    private void RequireKind(JsonValueKind kind)
    {
        if (Json.ValueKind != kind)
        {
            Errors.RequireKind(Json, kind, Path);
        }
    }
}
