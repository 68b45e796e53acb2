using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cni.Ipam.Etcd.Internal.Config;

/// <summary>
/// Reads a duration the way CNI configurations written for Go plugins spell it: <c>"5s"</c>,
/// <c>"1500ms"</c>, <c>"1m"</c>, <c>"1.5s"</c>; writes seconds with an <c>s</c>.
/// </summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return TryParse(text, out var duration)
            ? duration
            : throw new JsonException($"\"{text}\" is not a duration such as \"5s\" or \"500ms\"");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s");
    }

    internal static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : (text, double.NaN);
        if (double.IsNaN(unit)
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value <= 0)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(value * unit);
        return true;
    }
}
