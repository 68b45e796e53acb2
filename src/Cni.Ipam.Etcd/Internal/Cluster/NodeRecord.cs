using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using System.Text.Json;

namespace Cni.Ipam.Etcd.Internal.Cluster;

/// <summary>
/// The value of an alive node's key, JSON so that <c>etcdctl get</c> shows it plainly:
/// <c>{"block":"10.244.3.0/24","underlay":"192.168.1.10","vtep":"0a:58:0a:f4:03:00"}</c> (no <c>vtep</c> in host-gw mode;
/// the MAC address in lowercase with colons, as <c>ip link</c> shows it). Written and read with the JSON writer and
/// reader, no serializer metadata.
/// </summary>
internal static class NodeRecord
{
    public static byte[] Write(IPCidr block, IPAddress underlay, PhysicalAddress? vtep)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("block", block.ToString());
            writer.WriteString("underlay", underlay.ToString());
            if (vtep is not null)
            {
                writer.WriteString("vtep", MacText(vtep));
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The node a record describes, or null for a value that is not such a record (a <c>vtep</c> that is not a MAC address included).</summary>
    public static NodeBlock? Read(string nodeName, ReadOnlySpan<byte> value)
    {
        string? block = null, underlay = null, vtep = null;
        try
        {
            var reader = new Utf8JsonReader(value);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    return null;
                }

                var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
                switch (name)
                {
                    case "block": block = text; break;
                    case "underlay": underlay = text; break;
                    case "vtep": vtep = text; break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return IPCidr.TryParse(block, out var parsedBlock) && IPAddress.TryParse(underlay, out var parsedUnderlay)
            && TryReadMac(vtep, out var parsedVtep)
            ? new NodeBlock(nodeName, parsedBlock, parsedUnderlay, parsedVtep)
            : null;
    }

    /// <summary>No text is no address; text must be a 6-byte MAC address.</summary>
    private static bool TryReadMac(string? text, out PhysicalAddress? address)
    {
        address = null;
        if (text is null)
        {
            return true;
        }

        if (!PhysicalAddress.TryParse(text, out var parsed) || parsed.GetAddressBytes().Length != 6)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private static string MacText(PhysicalAddress address)
        => string.Join(':', address.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    public static string Text(byte[]? value) => value is null ? "" : Encoding.UTF8.GetString(value);
}
