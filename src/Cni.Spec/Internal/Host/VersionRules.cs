using System.Globalization;
using System.Text;
using Cni.Internal.GoFormat;

namespace Cni.Internal.Host;

/// <summary>
/// How skel decides whether a configuration's <c>cniVersion</c> is acceptable for a command, with
/// its codes and messages.
/// </summary>
internal static class VersionRules
{
    /// <summary>The version a configuration without <c>cniVersion</c> (or with <c>""</c>) means.</summary>
    public const string Unspecified = "0.1.0";

    /// <summary>
    /// Checks <paramref name="configVersion"/> for <paramref name="command"/> and returns the version
    /// to work in. ADD and DEL need an exact match in the supported list (<c>1.0</c> is not
    /// <c>1.0.0</c>); CHECK needs 0.4.0 and GC/STATUS 1.1.0 in both the config and the plugin first.
    /// </summary>
    public static CniVersion Reconcile(CniCommand command, string? configVersion, SupportedVersions supported)
    {
        var text = string.IsNullOrEmpty(configVersion) ? Unspecified : configVersion;
        var floor = command switch
        {
            CniCommand.Check => CniVersion.V040,
            CniCommand.Gc or CniCommand.Status => CniVersion.V110,
            _ => (CniVersion?)null,
        };
        if (floor is { } minimum)
        {
            var version = ParseLikeGo(text);
            var name = CommandName(command);
            if (version < minimum)
            {
                throw new CniException(CniErrorCode.IncompatibleCniVersion, $"config version does not allow {name}");
            }

            if (!supported.Versions.Any(v => v >= version))
            {
                throw new CniException(CniErrorCode.IncompatibleCniVersion, $"plugin version does not allow {name}");
            }
        }

        foreach (var candidate in supported.Versions)
        {
            if (candidate.ToString() == text)
            {
                return candidate;
            }
        }

        throw new CniException(
            CniErrorCode.IncompatibleCniVersion,
            "incompatible CNI versions",
            $"config is {GoQuote(text)}, plugin supports [{string.Join(' ', supported.Versions.Select(v => GoQuote(v.ToString())))}]");
    }

    /// <summary>The command as CNI_COMMAND spells it.</summary>
    public static string CommandName(CniCommand command) => command switch
    {
        CniCommand.Add => "ADD",
        CniCommand.Del => "DEL",
        CniCommand.Check => "CHECK",
        CniCommand.Gc => "GC",
        _ => "STATUS",
    };

    // libcni's version parser: up to three dot-separated decimal parts, missing parts are zero;
    // its messages are kept because a runtime shows them to people (code 6).
    private static CniVersion ParseLikeGo(string text)
    {
        var parts = text.Split('.');
        if (parts.Length >= 4)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"invalid version {GoQuote(text)}: too many parts");
        }

        Span<int> numbers = stackalloc int[3];
        ReadOnlySpan<string> names = ["major", "minor", "micro"];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[i]))
            {
                var reason = IsSignedDigits(parts[i]) ? "value out of range" : "invalid syntax";
                throw new CniException(
                    CniErrorCode.DecodingFailure,
                    $"failed to convert {names[i]} version part {GoQuote(parts[i])}: strconv.Atoi: parsing {GoQuote(parts[i])}: {reason}");
            }
        }

        // Negative parts parse in Go and compare below every real version; zero keeps that order.
        return new CniVersion(Math.Max(numbers[0], 0), Math.Max(numbers[1], 0), Math.Max(numbers[2], 0));
    }

    private static bool IsSignedDigits(string part)
    {
        var digits = part.StartsWith('+') || part.StartsWith('-') ? part.AsSpan(1) : part.AsSpan();
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>Go's <c>%q</c> for the text a config can hold: quotes, with <c>"</c> and <c>\</c> escaped.</summary>
    public static string GoQuote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                '\r' => builder.Append("\\r"),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
