using System.Net;
using System.Text;
using System.Text.Json;
using Cni.Internal.GoFormat;
using Cni.Internal.Json;

namespace Cni.Internal.Results;

/// <summary>
/// Reads a result in any version's shape into the model, as Go's encoding/json reads libcni's
/// types: keys match case-insensitively, unknown keys are ignored, <c>null</c> leaves a field
/// unset, a repeated key's last value wins, and a value of the wrong type is an error.
/// </summary>
internal static class ResultJsonReader
{
    private static readonly JsonReaderOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Reads a result; the shape comes from <paramref name="version"/> or, when null, from the JSON's <c>cniVersion</c>.</summary>
    public static CniResult Read(ReadOnlySpan<byte> json, CniVersion? version)
    {
        try
        {
            var shape = ResultVersions.ShapeOf(version ?? ReadVersion(json));
            var reader = new Utf8JsonReader(json, s_options);
            var result = ReadResult(ref reader, shape);
            EndOfInput(ref reader);
            return result;
        }
        catch (JsonException e)
        {
            ThrowHelper.ThrowDecodingFailure($"invalid result JSON: {e.Message}", e);
            return null;
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader reports invalid UTF-8 inside a string only when the string is read.
            ThrowHelper.ThrowDecodingFailure($"invalid result JSON: {e.Message}", e);
            return null;
        }
    }

    private static CniVersion ReadVersion(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, s_options);
        StartObject(ref reader);
        var version = CniVersion.V010;
        while (NextProperty(ref reader))
        {
            var name = Name(ref reader);
            reader.Read();
            if (Is(name, "cniVersion"u8))
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    version = ResultVersions.FromToken(ref reader);
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    TypeError("cniVersion", "a string", ref reader);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        EndOfInput(ref reader);
        return version;
    }

    private static CniResult ReadResult(ref Utf8JsonReader reader, ResultShape shape)
    {
        StartObject(ref reader);
        var result = new CniResult();
        LegacyIPConfig? ip4 = null, ip6 = null;
        while (NextProperty(ref reader))
        {
            var name = Name(ref reader);
            reader.Read();
            if (Is(name, "cniVersion"u8))
            {
                ReadString(ref reader, "cniVersion");
            }
            else if (Is(name, "dns"u8))
            {
                result.Dns = ReadDns(ref reader) ?? result.Dns;
            }
            else if (shape == ResultShape.Legacy && Is(name, "ip4"u8))
            {
                ip4 = ReadLegacyIPConfig(ref reader, "ip4");
            }
            else if (shape == ResultShape.Legacy && Is(name, "ip6"u8))
            {
                ip6 = ReadLegacyIPConfig(ref reader, "ip6");
            }
            else if (shape != ResultShape.Legacy && Is(name, "interfaces"u8))
            {
                ReadArray(ref reader, "interfaces", result.Interfaces, shape, ReadInterface);
            }
            else if (shape != ResultShape.Legacy && Is(name, "ips"u8))
            {
                ReadArray(ref reader, "ips", result.IPs, shape, ReadIPConfig);
            }
            else if (shape != ResultShape.Legacy && Is(name, "routes"u8))
            {
                ReadArray(ref reader, "routes", result.Routes, shape, ReadRoute);
            }
            else
            {
                reader.Skip();
            }
        }

        // libcni up-converts 0.2.0: the ip4 address then the ip6 one, then ip4's routes then ip6's.
        foreach (var legacy in (ReadOnlySpan<LegacyIPConfig?>)[ip4, ip6])
        {
            if (legacy is not null)
            {
                result.IPs.Add(new CniIPConfig { Address = legacy.Address, Gateway = legacy.Gateway });
            }
        }

        foreach (var (legacy, ipv4) in (ReadOnlySpan<(LegacyIPConfig?, bool)>)[(ip4, true), (ip6, false)])
        {
            foreach (var route in legacy?.Routes ?? [])
            {
                route.LegacyIPv4Section = ipv4;
                result.Routes.Add(route);
            }
        }

        return result;
    }

    private static LegacyIPConfig? ReadLegacyIPConfig(ref Utf8JsonReader reader, string key)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectObject(ref reader, key);
        IPCidr? address = null;
        IPAddress? gateway = null;
        var routes = new List<CniRoute>();
        while (NextProperty(ref reader))
        {
            var name = Name(ref reader);
            reader.Read();
            if (Is(name, "ip"u8))
            {
                address = ReadCidr(ref reader, "ip");
            }
            else if (Is(name, "gateway"u8))
            {
                gateway = ReadIP(ref reader, "gateway");
            }
            else if (Is(name, "routes"u8))
            {
                ReadArray(ref reader, "routes", routes, ResultShape.Legacy, ReadRoute);
            }
            else
            {
                reader.Skip();
            }
        }

        return new LegacyIPConfig(Required(address, key, "ip"), gateway, routes);
    }

    private static CniInterface ReadInterface(ref Utf8JsonReader reader, ResultShape shape)
    {
        ExpectObject(ref reader, "interfaces[]");
        var item = new CniInterface { Name = "" };
        while (NextProperty(ref reader))
        {
            var name = Name(ref reader);
            reader.Read();
            if (Is(name, "name"u8))
            {
                item.Name = ReadString(ref reader, "name") ?? item.Name;
            }
            else if (Is(name, "mac"u8))
            {
                item.Mac = NullIfEmpty(ReadString(ref reader, "mac"));
            }
            else if (Is(name, "sandbox"u8))
            {
                item.Sandbox = NullIfEmpty(ReadString(ref reader, "sandbox"));
            }
            else if (shape >= ResultShape.V100 && Is(name, "mtu"u8))
            {
                item.Mtu = NullIfZero(ReadInt(ref reader, "mtu"));
            }
            else if (shape >= ResultShape.V100 && Is(name, "socketPath"u8))
            {
                item.SocketPath = NullIfEmpty(ReadString(ref reader, "socketPath"));
            }
            else if (shape >= ResultShape.V100 && Is(name, "pciID"u8))
            {
                item.PciId = NullIfEmpty(ReadString(ref reader, "pciID"));
            }
            else
            {
                reader.Skip();
            }
        }

        return item;
    }

    private static CniIPConfig ReadIPConfig(ref Utf8JsonReader reader, ResultShape shape)
    {
        ExpectObject(ref reader, "ips[]");
        IPCidr? address = null;
        IPAddress? gateway = null;
        int? index = null;
        while (NextProperty(ref reader))
        {
            var name = Name(ref reader);
            reader.Read();
            if (Is(name, "address"u8))
            {
                address = ReadCidr(ref reader, "address");
            }
            else if (Is(name, "gateway"u8))
            {
                gateway = ReadIP(ref reader, "gateway");
            }
            else if (Is(name, "interface"u8))
            {
                index = ReadInt(ref reader, "interface");
            }
            else if (shape == ResultShape.V04 && Is(name, "version"u8))
            {
                // The model derives the family from the address, as libcni does when it writes 0.4.0.
                ReadString(ref reader, "version");
            }
            else
            {
                reader.Skip();
            }
        }

        return new CniIPConfig { Address = Required(address, "ips[]", "address"), Gateway = gateway, Interface = index };
    }

    private static CniRoute ReadRoute(ref Utf8JsonReader reader, ResultShape shape)
    {
        // libcni has one route type for every version, so every version reads every route field.
        ExpectObject(ref reader, "routes[]");
        IPCidr? destination = null;
        IPAddress? gateway = null;
        int? mtu = null, advMss = null, priority = null, table = null, scope = null;
        while (NextProperty(ref reader))
        {
            var name = Name(ref reader);
            reader.Read();
            if (Is(name, "dst"u8))
            {
                destination = ReadCidr(ref reader, "dst");
            }
            else if (Is(name, "gw"u8))
            {
                gateway = ReadIP(ref reader, "gw");
            }
            else if (Is(name, "mtu"u8))
            {
                mtu = NullIfZero(ReadInt(ref reader, "mtu"));
            }
            else if (Is(name, "advmss"u8))
            {
                advMss = NullIfZero(ReadInt(ref reader, "advmss"));
            }
            else if (Is(name, "priority"u8))
            {
                priority = NullIfZero(ReadInt(ref reader, "priority"));
            }
            else if (Is(name, "table"u8))
            {
                table = ReadInt(ref reader, "table");
            }
            else if (Is(name, "scope"u8))
            {
                scope = ReadInt(ref reader, "scope");
            }
            else
            {
                reader.Skip();
            }
        }

        return new CniRoute
        {
            Destination = Required(destination, "routes[]", "dst"),
            Gateway = gateway,
            Mtu = mtu,
            AdvMss = advMss,
            Priority = priority,
            Table = table,
            Scope = scope,
        };
    }

    private static CniDns? ReadDns(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectObject(ref reader, "dns");
        var dns = new CniDns();
        while (NextProperty(ref reader))
        {
            var name = Name(ref reader);
            reader.Read();
            if (Is(name, "nameservers"u8))
            {
                ReadStrings(ref reader, "nameservers", dns.Nameservers);
            }
            else if (Is(name, "domain"u8))
            {
                dns.Domain = NullIfEmpty(ReadString(ref reader, "domain"));
            }
            else if (Is(name, "search"u8))
            {
                ReadStrings(ref reader, "search", dns.Search);
            }
            else if (Is(name, "options"u8))
            {
                ReadStrings(ref reader, "options", dns.Options);
            }
            else
            {
                reader.Skip();
            }
        }

        return dns;
    }

    private delegate T ItemReader<T>(ref Utf8JsonReader reader, ResultShape shape);

    private static void ReadArray<T>(ref Utf8JsonReader reader, string key, ICollection<T> items, ResultShape shape, ItemReader<T> readItem)
    {
        // As Go fills a slice: null empties it, an array replaces its contents.
        items.Clear();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            TypeError(key, "an array", ref reader);
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(readItem(ref reader, shape));
        }
    }

    private static void ReadStrings(ref Utf8JsonReader reader, string key, IList<string> items)
    {
        items.Clear();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            TypeError(key, "an array", ref reader);
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ReadString(ref reader, key) ?? "");
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader, string key)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            default:
                TypeError(key, "a string", ref reader);
                return null;
        }
    }

    private static int? ReadInt(ref Utf8JsonReader reader, string key)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
        {
            return value;
        }

        TypeError(key, "a 32-bit integer", ref reader);
        return null;
    }

    private static IPAddress? ReadIP(ref Utf8JsonReader reader, string key)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            TypeError(key, "an IP address string", ref reader);
        }

        // Go reads "" as no address.
        if (reader.ValueTextEquals(""u8))
        {
            return null;
        }

        if (reader.ValueIsEscaped || !GoNet.TryParseIP(reader.ValueSpan, out var address))
        {
            // An escaped value is rare; unescape it and try once more before failing.
            var text = reader.GetString()!;
            if (!GoNet.TryParseIP(Encoding.UTF8.GetBytes(text), out address))
            {
                ThrowHelper.ThrowDecodingFailure($"invalid IP address: {text} (in \"{key}\")");
            }
        }

        return address;
    }

    private static IPCidr ReadCidr(ref Utf8JsonReader reader, string key)
    {
        // Go reads null as "" here, which is not a CIDR address either.
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
        {
            TypeError(key, "a CIDR address string", ref reader);
        }

        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && GoNet.TryParseCidr(reader.ValueSpan, out var cidr))
        {
            return cidr;
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
        if (!GoNet.TryParseCidr(Encoding.UTF8.GetBytes(text), out cidr))
        {
            ThrowHelper.ThrowDecodingFailure($"invalid CIDR address: {text} (in \"{key}\")");
        }

        return cidr;
    }

    private static void StartObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            ThrowHelper.ThrowDecodingFailure($"invalid result JSON: a result is a JSON object, not {JsonKinds.Describe(reader.TokenType)}");
        }
    }

    private static void ExpectObject(ref Utf8JsonReader reader, string key)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            TypeError(key, "an object", ref reader);
        }
    }

    private static void EndOfInput(ref Utf8JsonReader reader)
    {
        // Throws on anything but whitespace after the result, as Go does.
        reader.Read();
    }

    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    // An escaped key is rare, so unescaping it may allocate.
    private static ReadOnlySpan<byte> Name(ref Utf8JsonReader reader)
        => reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;

    // Go's encoding/json matches a key to a field name ignoring case.
    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> key) => System.Text.Ascii.EqualsIgnoreCase(name, key);

    private static T Required<T>(T? value, string owner, string key)
        where T : struct
    {
        if (value is null)
        {
            ThrowHelper.ThrowDecodingFailure($"invalid result JSON: \"{owner}\" has no \"{key}\"");
        }

        return value.Value;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Go omits these fields when zero, so zero and absent mean the same.
    private static int? NullIfZero(int? value) => value == 0 ? null : value;

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void TypeError(string key, string expected, ref Utf8JsonReader reader)
        => ThrowHelper.ThrowDecodingFailure($"invalid result JSON: \"{key}\" must be {expected}, not {JsonKinds.Describe(reader.TokenType)}");

    private sealed record LegacyIPConfig(IPCidr Address, IPAddress? Gateway, List<CniRoute> Routes);
}
