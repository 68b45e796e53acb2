using System.Text.Json;

namespace Cni.Internal.Json;

/// <summary>
/// Names a JSON value's kind the way every configuration and result error says it
/// (<c>must be a string, not a number</c>). Also compiled into Cni.Ipam, so both packages word it alike.
/// </summary>
internal static class JsonKinds
{
    /// <summary>
    /// The nesting limit of every configuration reader (the host's first read of stdin, the hand-written
    /// reader, the serializer path), so no input one of them takes fails another. Far above any real
    /// configuration and the serializer's default of 64; below Go's 10000 (what the reference plugins
    /// accept), so that no recursive code of ours can run out of stack on hostile input.
    /// </summary>
    public const int MaxDepth = 1000;

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>The kind of the value a reader stands on; an end token, a property name or no token at all is "nothing".</summary>
    public static string Describe(JsonTokenType token) => Describe(token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    });
}
