using System.Text.Json;
using System.Text;

namespace Cni.Tool.Running;

/// <summary>What one plugin execution did: exit status, stdout bytes, stderr text and how long it took.</summary>
internal sealed record PluginRun(int ExitCode, byte[] Stdout, string Stderr, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The <c>code</c> of the error object the plugin printed; <see langword="null"/> when stdout holds none.</summary>
    public uint? ErrorCode
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(Stdout);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("code", out var code)
                    && code.TryGetUInt32(out var value) ? value : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Whether stdout is exactly one JSON document (surrounding whitespace allowed), as the spec
    /// requires of a result, an error and VERSION's answer; <paramref name="reason"/> says what is wrong.
    /// </summary>
    public bool IsOneJsonDocument(out string reason)
    {
        var reader = new Utf8JsonReader(Stdout, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            if (!reader.Read())
            {
                reason = "stdout is empty";
                return false;
            }

            reader.Skip();
            if (reader.Read())
            {
                reason = $"stdout holds more than one JSON document: \"{Excerpt(Stdout)}\"";
                return false;
            }
        }
        catch (JsonException)
        {
            reason = $"stdout is not one JSON document: \"{Excerpt(Stdout)}\"";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>A one-line account for a failure reason: the exit status and the error message, or stdout.</summary>
    public string Describe()
    {
        var text = Stdout.Length == 0 ? "" : $"stdout \"{Excerpt(Stdout)}\"";
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("msg", out var message))
            {
                text = $"code {(document.RootElement.TryGetProperty("code", out var code) ? code.ToString() : "?")}: {message}";
            }
        }
        catch (JsonException)
        {
            // Not JSON: the raw excerpt says more than a parse error would.
        }

        var stderr = Stderr.Trim();
        return $"exit {ExitCode}, {(text.Length == 0 ? "no stdout" : text)}{(stderr.Length == 0 ? "" : $" (stderr: {Shorten(stderr)})")}";
    }

    private static string Excerpt(byte[] bytes) => Shorten(Encoding.UTF8.GetString(bytes).Trim());

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 80 ? line : line[..77] + "...";
    }
}
