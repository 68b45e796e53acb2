using System.Net;
using System.Text.Json;
using Cni.Internal.GoFormat;
using Cni.Internal.Json;

namespace Cni.Internal.Results;

/// <summary>
/// Writes the model in a version's shape, converted as libcni converts it, with the bytes the Go
/// reference prints for that version: libcni 1.1 (the installed plugins) up to 1.0.0, libcni 1.2+
/// for 1.1.0 (see docs/results.md).
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
        switch (shape)
        {
            case ResultShape.Legacy:
                WriteLegacyIPConfig(writer, ip4, ip6, result.Routes, ipv4: true);
                WriteLegacyIPConfig(writer, ip4, ip6, result.Routes, ipv4: false);
                WriteDns(writer, result.Dns, sorted: false);
                break;
            case ResultShape.V110:
                // libcni 1.2+ re-marshals 1.x results through a map: keys sorted, empty dns dropped.
                if (!IsEmpty(result.Dns))
                {
                    WriteDns(writer, result.Dns, sorted: true);
                }

                WriteInterfaces(writer, result.Interfaces, shape);
                WriteIPs(writer, result.IPs, shape);
                WriteRoutes(writer, result.Routes, shape);
                break;
            default:
                WriteInterfaces(writer, result.Interfaces, shape);
                WriteIPs(writer, result.IPs, shape);
                WriteRoutes(writer, result.Routes, shape);
                WriteDns(writer, result.Dns, sorted: false);
                break;
        }

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

    private static void WriteLegacyIPConfig(Utf8JsonWriter writer, CniIPConfig? ip4, CniIPConfig? ip6, IList<CniRoute> routes, bool ipv4)
    {
        var ip = ipv4 ? ip4 : ip6;
        if (ip is null)
        {
            return;
        }

        writer.WritePropertyName(ipv4 ? "ip4"u8 : "ip6"u8);
        writer.WriteStartObject();
        WriteCidr(writer, "ip"u8, ip.Address);
        WriteIP(writer, "gateway"u8, ip.Gateway);

        // A route read from 0.1.0/0.2.0 stays in its section, as libcni copies them between those
        // versions; any other goes to the family of its destination, as libcni converts down.
        // 0.2.0 routes have only dst and gw.
        var any = false;
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            var inIPv4 = route.LegacyIPv4Section is { } section && (section ? ip4 : ip6) is not null
                ? section
                : GoNet.IsIPv4(route.Destination.Address);
            if (inIPv4 != ipv4)
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
            writer.WriteStartObject();
            if (shape == ResultShape.V110)
            {
                WriteString(writer, "mac"u8, item.Mac);
                WriteInt(writer, "mtu"u8, NullIfZero(item.Mtu));
                writer.WriteString("name"u8, Sanitize(item.Name ?? ""));
                WriteString(writer, "pciID"u8, item.PciId);
                WriteString(writer, "sandbox"u8, item.Sandbox);
                WriteString(writer, "socketPath"u8, item.SocketPath);
            }
            else
            {
                // Before 1.1.0 an interface has a name, a MAC and a sandbox, nothing else.
                writer.WriteString("name"u8, Sanitize(item.Name ?? ""));
                WriteString(writer, "mac"u8, item.Mac);
                WriteString(writer, "sandbox"u8, item.Sandbox);
            }

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
            if (shape == ResultShape.V110)
            {
                WriteCidr(writer, "address"u8, ip.Address);
                WriteIP(writer, "gateway"u8, ip.Gateway);
                WriteInt(writer, "interface"u8, ip.Interface);
            }
            else
            {
                if (shape == ResultShape.V04)
                {
                    writer.WriteString("version"u8, GoNet.IsIPv4(ip.Address.Address) ? "4"u8 : "6"u8);
                }

                WriteInt(writer, "interface"u8, ip.Interface);
                WriteCidr(writer, "address"u8, ip.Address);
                WriteIP(writer, "gateway"u8, ip.Gateway);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteRoutes(Utf8JsonWriter writer, IList<CniRoute> routes, ResultShape shape)
    {
        if (routes.Count == 0)
        {
            return;
        }

        writer.WritePropertyName("routes"u8);
        writer.WriteStartArray();
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            writer.WriteStartObject();
            if (shape == ResultShape.V110)
            {
                WriteInt(writer, "advmss"u8, NullIfZero(route.AdvMss));
                WriteCidr(writer, "dst"u8, route.Destination);
                WriteIP(writer, "gw"u8, route.Gateway);
                WriteInt(writer, "mtu"u8, NullIfZero(route.Mtu));
                WriteInt(writer, "priority"u8, NullIfZero(route.Priority));
                WriteInt(writer, "scope"u8, route.Scope);
                WriteInt(writer, "table"u8, route.Table);
            }
            else
            {
                // Before 1.1.0 a route has a destination and a gateway, nothing else.
                WriteCidr(writer, "dst"u8, route.Destination);
                WriteIP(writer, "gw"u8, route.Gateway);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteDns(Utf8JsonWriter writer, CniDns dns, bool sorted)
    {
        // Go's omitempty never omits a struct, so before 1.1.0 "dns" is always there, {} when empty.
        writer.WritePropertyName("dns"u8);
        writer.WriteStartObject();
        if (sorted)
        {
            WriteString(writer, "domain"u8, dns.Domain);
            WriteStrings(writer, "nameservers"u8, dns.Nameservers);
            WriteStrings(writer, "options"u8, dns.Options);
            WriteStrings(writer, "search"u8, dns.Search);
        }
        else
        {
            WriteStrings(writer, "nameservers"u8, dns.Nameservers);
            WriteString(writer, "domain"u8, dns.Domain);
            WriteStrings(writer, "search"u8, dns.Search);
            WriteStrings(writer, "options"u8, dns.Options);
        }

        writer.WriteEndObject();
    }

    // As Go's DNS.IsEmpty: an empty domain counts as none.
    private static bool IsEmpty(CniDns dns)
        => dns.Nameservers.Count == 0 && string.IsNullOrEmpty(dns.Domain) && dns.Search.Count == 0 && dns.Options.Count == 0;

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
