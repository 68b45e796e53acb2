using System.Net;
using System.Text.Json;

namespace Cni.Internal;

/// <summary>
/// Writes the model in a version's shape, converted as libcni converts its newest result type,
/// with the fields, order and omissions of libcni's Go types (see docs/results.md).
/// </summary>
internal static class ResultJsonWriter
{
    /// <summary>The reference's layout: json.MarshalIndent(result, "", "    "), strings escaped as Go escapes them.</summary>
    public static JsonWriterOptions Options { get; } = new()
    {
        Indented = true,
        IndentCharacter = ' ',
        IndentSize = 4,
        NewLine = "\n",
        Encoder = GoJsonEncoder.Instance,
    };

    // Indexed loops: foreach over an IList<T> boxes an enumerator, and this runs once per result.
    public static void Write(Utf8JsonWriter writer, CniResult result, CniVersion version)
    {
        var shape = ResultVersions.ShapeOf(version);

        // Checked before the first byte, so a failed conversion leaves the writer untouched.
        CniIPConfig? ip4 = null, ip6 = null;
        if (shape == ResultShape.Legacy)
        {
            (ip4, ip6) = FirstOfEachFamily(result.IPs);
            if (ip4 is null && ip6 is null)
            {
                ThrowHelper.ThrowCannotConvert("cannot convert: no valid IP addresses");
            }
        }

        writer.WriteStartObject();
        WriteVersion(writer, version);
        if (shape == ResultShape.Legacy)
        {
            WriteLegacyIPConfig(writer, "ip4"u8, ip4, result.Routes, ipv4: true);
            WriteLegacyIPConfig(writer, "ip6"u8, ip6, result.Routes, ipv4: false);
        }
        else
        {
            WriteInterfaces(writer, result.Interfaces, shape);
            WriteIPs(writer, result.IPs, shape);
            WriteRoutes(writer, result.Routes);
        }

        WriteDns(writer, result.Dns);
        writer.WriteEndObject();
    }

    private static void WriteVersion(Utf8JsonWriter writer, CniVersion version)
    {
        Span<char> text = stackalloc char[36];
        version.TryFormat(text, out var length, default, null);
        writer.WriteString("cniVersion"u8, text[..length]);
    }

    private static (CniIPConfig? IPv4, CniIPConfig? IPv6) FirstOfEachFamily(IList<CniIPConfig> ips)
    {
        CniIPConfig? ip4 = null, ip6 = null;
        for (var i = 0; i < ips.Count; i++)
        {
            var ip = ips[i];
            if (GoNet.IsIPv4(ip.Address.Address))
            {
                ip4 ??= ip;
            }
            else
            {
                ip6 ??= ip;
            }
        }

        return (ip4, ip6);
    }

    private static void WriteLegacyIPConfig(Utf8JsonWriter writer, ReadOnlySpan<byte> name, CniIPConfig? ip, IList<CniRoute> routes, bool ipv4)
    {
        if (ip is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartObject();
        WriteCidr(writer, "ip"u8, ip.Address);
        WriteIP(writer, "gateway"u8, ip.Gateway);

        // Routes go to the address family of their destination; 0.2.0 routes have only dst and gw.
        var any = false;
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            if (GoNet.IsIPv4(route.Destination.Address) != ipv4)
            {
                continue;
            }

            if (!any)
            {
                writer.WritePropertyName("routes"u8);
                writer.WriteStartArray();
                any = true;
            }

            writer.WriteStartObject();
            WriteCidr(writer, "dst"u8, route.Destination);
            WriteIP(writer, "gw"u8, route.Gateway);
            writer.WriteEndObject();
        }

        if (any)
        {
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteInterfaces(Utf8JsonWriter writer, IList<CniInterface> interfaces, ResultShape shape)
    {
        if (interfaces.Count == 0)
        {
            return;
        }

        writer.WritePropertyName("interfaces"u8);
        writer.WriteStartArray();
        for (var i = 0; i < interfaces.Count; i++)
        {
            var item = interfaces[i];
            // 0.4.0's interface type has no mtu, socketPath or pciID; 1.0.0 shares 1.1.0's type.
            var v1 = shape == ResultShape.V1;
            writer.WriteStartObject();
            writer.WriteString("name"u8, Sanitize(item.Name ?? ""));
            WriteString(writer, "mac"u8, item.Mac);
            WriteInt(writer, "mtu"u8, v1 ? NullIfZero(item.Mtu) : null);
            WriteString(writer, "sandbox"u8, item.Sandbox);
            WriteString(writer, "socketPath"u8, v1 ? item.SocketPath : null);
            WriteString(writer, "pciID"u8, v1 ? item.PciId : null);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteIPs(Utf8JsonWriter writer, IList<CniIPConfig> ips, ResultShape shape)
    {
        if (ips.Count == 0)
        {
            return;
        }

        writer.WritePropertyName("ips"u8);
        writer.WriteStartArray();
        for (var i = 0; i < ips.Count; i++)
        {
            var ip = ips[i];
            writer.WriteStartObject();
            if (shape == ResultShape.V04)
            {
                writer.WriteString("version"u8, GoNet.IsIPv4(ip.Address.Address) ? "4"u8 : "6"u8);
            }

            WriteInt(writer, "interface"u8, ip.Interface);
            WriteCidr(writer, "address"u8, ip.Address);
            WriteIP(writer, "gateway"u8, ip.Gateway);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteRoutes(Utf8JsonWriter writer, IList<CniRoute> routes)
    {
        if (routes.Count == 0)
        {
            return;
        }

        // libcni has one route type for 0.3.0 and later, so the route attributes appear in all of them.
        writer.WritePropertyName("routes"u8);
        writer.WriteStartArray();
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            writer.WriteStartObject();
            WriteCidr(writer, "dst"u8, route.Destination);
            WriteIP(writer, "gw"u8, route.Gateway);
            WriteInt(writer, "mtu"u8, NullIfZero(route.Mtu));
            WriteInt(writer, "advmss"u8, NullIfZero(route.AdvMss));
            WriteInt(writer, "priority"u8, NullIfZero(route.Priority));
            WriteInt(writer, "table"u8, route.Table);
            WriteInt(writer, "scope"u8, route.Scope);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteDns(Utf8JsonWriter writer, CniDns dns)
    {
        // Go's omitempty never omits a struct, so "dns" is always there, {} when empty.
        writer.WritePropertyName("dns"u8);
        writer.WriteStartObject();
        WriteStrings(writer, "nameservers"u8, dns.Nameservers);
        WriteString(writer, "domain"u8, dns.Domain);
        WriteStrings(writer, "search"u8, dns.Search);
        WriteStrings(writer, "options"u8, dns.Options);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartArray();
        for (var i = 0; i < values.Count; i++)
        {
            writer.WriteStringValue(Sanitize(values[i]));
        }

        writer.WriteEndArray();
    }

    private static void WriteString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, Sanitize(value));
        }
    }

    private static void WriteInt(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteIP(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IPAddress? address)
    {
        if (address is not null)
        {
            Span<byte> text = stackalloc byte[GoNet.MaxCidrLength];
            writer.WriteString(name, text[..GoNet.FormatIP(address, text)]);
        }
    }

    private static void WriteCidr(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IPCidr cidr)
    {
        Span<byte> text = stackalloc byte[GoNet.MaxCidrLength];
        writer.WriteString(name, text[..GoNet.FormatCidr(cidr, text)]);
    }

    private static int? NullIfZero(int? value) => value == 0 ? null : value;

    // Go writes invalid UTF-16 (a lone surrogate) as U+FFFD; Utf8JsonWriter would throw instead.
    private static string Sanitize(string value)
        => value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') && !IsValidUtf16(value)
            ? System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(value))
            : value;

    private static bool IsValidUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
