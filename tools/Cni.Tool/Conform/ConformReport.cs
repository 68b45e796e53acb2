using System.Text.Json;
using System.Text;

namespace Cni.Tool.Conform;

/// <summary>The conformance table, as text for people and JSON for machines.</summary>
internal static class ConformReport
{
    private const int NameWidth = 20;

    public static string Header => $"{"CHECK".PadRight(NameWidth)} RESULT  REASON";

    public static string Row(CheckResult result)
        => $"{result.Name.PadRight(NameWidth)} {Word(result.Status),-6}  {result.Reason}".TrimEnd();

    public static string Summary(IReadOnlyList<CheckResult> results)
        => $"{Count(results, CheckStatus.Pass)} passed, {Count(results, CheckStatus.Fail)} failed, {Count(results, CheckStatus.Skip)} skipped";

    /// <summary>A markdown table of the results, for docs/conformance.md.</summary>
    public static string Markdown(IReadOnlyList<CheckResult> results)
    {
        var text = new StringBuilder("| Check | What it asks | Result | Reason or note |\n|---|---|---|---|\n");
        foreach (var result in results)
        {
            text.Append($"| {result.Name} | {result.Description} | {Word(result.Status)} | {result.Reason.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        return text.ToString();
    }

    public static byte[] Json(string plugin, string configPath, IReadOnlyList<CheckResult> results)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("plugin", plugin);
            writer.WriteString("config", configPath);
            writer.WriteNumber("passed", Count(results, CheckStatus.Pass));
            writer.WriteNumber("failed", Count(results, CheckStatus.Fail));
            writer.WriteNumber("skipped", Count(results, CheckStatus.Skip));
            writer.WriteStartArray("checks");
            foreach (var result in results)
            {
                writer.WriteStartObject();
                writer.WriteString("name", result.Name);
                writer.WriteString("description", result.Description);
                writer.WriteString("status", Word(result.Status));
                writer.WriteString("reason", result.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static int Count(IReadOnlyList<CheckResult> results, CheckStatus status) => results.Count(r => r.Status == status);

    private static string Word(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Fail => "FAIL",
        _ => "skip",
    };
}
