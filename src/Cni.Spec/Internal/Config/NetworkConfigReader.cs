using System.Text.Json;
using Cni.Internal.Json;

namespace Cni.Internal.Config;

/// <summary>
/// Reads the standard keys of a network configuration by hand, over a <see cref="JsonElement"/>.
/// System.Text.Json's metadata for <see cref="NetworkConfig"/>, even source-generated, is built at run
/// time on first use (attributes read by reflection, converters resolved): in a NativeAOT plugin that
/// runs once per ADD it cost a sixth of the process. The rules are the serializer's: keys match exactly,
/// unknown keys are ignored, the last of two equal keys wins, <c>null</c> unsets a member.
/// </summary>
internal static class NetworkConfigReader
{
    private const string Prefix = "error parsing configuration: ";

    public static NetworkConfig Read(ReadOnlySpan<byte> json) => Read(Parse(json), static _ => new NetworkConfig());

    /// <summary>
    /// Parses the document once, lets <paramref name="create"/> read the plugin's own keys from the root
    /// object, then fills the standard keys into what it returned.
    /// </summary>
    public static T Read<T>(ReadOnlySpan<byte> json, Func<JsonElement, T> create)
        where T : NetworkConfig
        => Read(Parse(json), create);

    /// <summary>
    /// Reads an already parsed configuration (the plugin host's <see cref="Host.StdinDocument"/>): <paramref name="create"/>
    /// reads the plugin's own keys from the root object, then the standard keys are filled into what it returned.
    /// </summary>
    public static T Read<T>(JsonElement root, Func<JsonElement, T> create)
        where T : NetworkConfig
    {
        if (root.ValueKind == JsonValueKind.Null)
        {
            ThrowHelper.ThrowDecodingFailure(Prefix + "expected an object, not null");
        }

        JsonValues.RequireKind(root, JsonValueKind.Object, "$");
        var config = create(root) ?? throw new InvalidOperationException("The configuration reader returned null.");
        foreach (var member in root.EnumerateObject())
        {
            ReadMember(config, member);
        }

        return config;
    }

    private static JsonElement Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonKinds.MaxDepth });

            // Not pooled, unlike JsonDocument.Parse: the elements kept (ipam, args, prevResult,
            // runtimeConfig, whatever the plugin keeps) need no copy, and no buffer goes back to the
            // shared pool, whose first use costs a short-lived process more than the parse itself.
            var root = JsonElement.ParseValue(ref reader);

            // Anything after the value is an error; Read throws for it.
            reader.Read();
            return root;
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, Prefix + e.Message, null, e);
        }
    }

    // null unsets a member, as the serializer reads it; strings and the capabilities go back to their
    // declared defaults where the serializer would set null, and ipMasq, a value type, cannot be null.
    private static void ReadMember(NetworkConfig config, JsonProperty member)
    {
        var value = member.Value;
        var isNull = value.ValueKind == JsonValueKind.Null;
        if (member.NameEquals("cniVersion"u8))
        {
            config.CniVersion = ReadVersion(value);
        }
        else if (member.NameEquals("name"u8))
        {
            config.Name = isNull ? "" : JsonValues.ReadString(value, "$.name");
        }
        else if (member.NameEquals("type"u8))
        {
            config.Type = isNull ? "" : JsonValues.ReadString(value, "$.type");
        }
        else if (member.NameEquals("args"u8))
        {
            config.Args = isNull ? null : value;
        }
        else if (member.NameEquals("ipMasq"u8))
        {
            config.IPMasq = JsonValues.ReadBoolean(value, "$.ipMasq");
        }
        else if (member.NameEquals("ipam"u8))
        {
            config.Ipam = isNull ? null : new IpamConfig(value);
        }
        else if (member.NameEquals("dns"u8))
        {
            config.Dns = isNull ? null : ReadDns(value);
        }
        else if (member.NameEquals("prevResult"u8))
        {
            config.PrevResult = isNull ? null : value;
        }
        else if (member.NameEquals("runtimeConfig"u8))
        {
            config.RuntimeConfig = isNull ? null : RuntimeConfig.FromJson(value);
        }
        else if (member.NameEquals("capabilities"u8))
        {
            config.Capabilities = isNull ? new Dictionary<string, bool>() : ReadCapabilities(value);
        }
        else if (member.NameEquals("cni.dev/valid-attachments"u8))
        {
            config.ValidAttachments = isNull ? null : ReadAttachments(value);
        }
    }

    private static CniVersion ReadVersion(JsonElement value)
    {
        var text = JsonValues.ReadString(value, "$.cniVersion");
        if (text.Length == 0)
        {
            return CniVersion.V010;
        }

        return CniVersion.TryParse(text, out var version)
            ? version
            : throw new CniException(CniErrorCode.IncompatibleCniVersion, $"{Prefix}invalid cniVersion \"{text}\"");
    }

    private static CniDns ReadDns(JsonElement value)
    {
        JsonValues.RequireKind(value, JsonValueKind.Object, "$.dns");
        return new CniDns
        {
            Nameservers = OptionalStrings(value, "nameservers", "$.dns.nameservers"),
            Domain = value.TryGetProperty("domain"u8, out var domain) && domain.ValueKind != JsonValueKind.Null
                ? JsonValues.ReadString(domain, "$.dns.domain")
                : null,
            Search = OptionalStrings(value, "search", "$.dns.search"),
            Options = OptionalStrings(value, "options", "$.dns.options"),
        };
    }

    private static string[] OptionalStrings(JsonElement obj, string key, string path)
        => obj.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? JsonValues.ReadStrings(value, path) : [];

    private static Dictionary<string, bool> ReadCapabilities(JsonElement value)
    {
        JsonValues.RequireKind(value, JsonValueKind.Object, "$.capabilities");
        var capabilities = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var capability in value.EnumerateObject())
        {
            capabilities[capability.Name] = JsonValues.ReadBoolean(capability.Value, $"$.capabilities.{capability.Name}");
        }

        return capabilities;
    }

    private static CniAttachment[] ReadAttachments(JsonElement value)
        => JsonValues.ReadArray(value, "$.cni.dev/valid-attachments", static (item, at) =>
        {
            JsonValues.RequireKind(item, JsonValueKind.Object, at);
            return new CniAttachment
            {
                ContainerId = OptionalString(item, "containerID", $"{at}.containerID"),
                IfName = OptionalString(item, "ifname", $"{at}.ifname"),
            };
        });

    private static string OptionalString(JsonElement obj, string key, string path)
        => obj.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? JsonValues.ReadString(value, path) : "";
}
