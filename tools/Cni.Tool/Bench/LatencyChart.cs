using System.Globalization;
using System.Security;
using System.Text;

namespace Cni.Tool.Bench;

/// <summary>
/// An SVG chart of the latency distributions: for each plugin and call, the share of calls (y) done
/// within a latency (x), so a curve further left is faster and a flatter top is a longer tail.
/// </summary>
internal static class LatencyChart
{
    private const int Width = 760;
    private const int Height = 400;
    private const int Left = 60;
    private const int Right = 20;
    private const int Top = 40;
    private const int Bottom = 50;
    private static readonly string[] s_colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"];

    public static string Svg(IReadOnlyList<BenchSubject> subjects)
    {
        var series = subjects.SelectMany((s, i) => new[]
        {
            (Name: $"{s.Label} ADD", Color: s_colors[i % s_colors.Length], Dashed: false, Values: s.Adds.Select(a => a.Wall.TotalMilliseconds).Order().ToList()),
            (Name: $"{s.Label} DEL", Color: s_colors[i % s_colors.Length], Dashed: true, Values: s.Dels.Select(a => a.Wall.TotalMilliseconds).Order().ToList()),
        }).Where(s => s.Values.Count > 0).ToList();

        // The x axis ends a little past the largest p99, so one outlier does not squash every curve.
        var end = series.Count == 0 ? 1 : series.Max(s => s.Values[Math.Min(s.Values.Count - 1, (int)Math.Ceiling(0.99 * s.Values.Count) - 1)]) * 1.15;
        double X(double milliseconds) => Left + (Math.Min(milliseconds, end) / end * (Width - Left - Right));
        double Y(double share) => Height - Bottom - (share * (Height - Top - Bottom));

        var svg = new StringBuilder();
        Append(svg, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">""");
        Append(svg, $"""<rect width="{Width}" height="{Height}" fill="white"/>""");
        Append(svg, $"""<text x="{Width / 2}" y="22" text-anchor="middle" font-size="15">Latency distribution (share of calls done within x ms)</text>""");
        for (var tick = 0; tick <= 5; tick++)
        {
            var milliseconds = end * tick / 5;
            var share = tick / 5.0;
            Append(svg, $"""<line x1="{X(milliseconds):F1}" y1="{Top}" x2="{X(milliseconds):F1}" y2="{Height - Bottom}" stroke="#e0e0e0"/>""");
            Append(svg, $"""<text x="{X(milliseconds):F1}" y="{Height - Bottom + 18}" text-anchor="middle">{milliseconds:F1}</text>""");
            Append(svg, $"""<line x1="{Left}" y1="{Y(share):F1}" x2="{Width - Right}" y2="{Y(share):F1}" stroke="#e0e0e0"/>""");
            Append(svg, $"""<text x="{Left - 8}" y="{Y(share) + 4:F1}" text-anchor="end">{share * 100:F0}%</text>""");
        }

        Append(svg, $"""<text x="{(Width + Left - Right) / 2}" y="{Height - 12}" text-anchor="middle">latency (ms)</text>""");
        Append(svg, $"""<rect x="{Left}" y="{Top}" width="{Width - Left - Right}" height="{Height - Top - Bottom}" fill="none" stroke="#888"/>""");
        for (var i = 0; i < series.Count; i++)
        {
            var (name, color, dashed, values) = series[i];
            var dash = dashed ? " stroke-dasharray=\"6 4\"" : "";
            var points = string.Join(' ', values.Select((v, rank) => string.Create(CultureInfo.InvariantCulture, $"{X(v):F1},{Y((rank + 1.0) / values.Count):F1}")));
            Append(svg, $"""<polyline fill="none" stroke="{color}" stroke-width="2"{dash} points="{X(values[0]):F1},{Y(0):F1} {points}"/>""");
            // The legend sits bottom right: a distribution curve is low only at small latencies, so that corner stays empty.
            var legendY = Height - Bottom - 12 - ((series.Count - 1 - i) * 18);
            Append(svg, $"""<line x1="{Width - Right - 230}" y1="{legendY - 4}" x2="{Width - Right - 200}" y2="{legendY - 4}" stroke="{color}" stroke-width="2"{dash}/>""");
            Append(svg, $"""<text x="{Width - Right - 194}" y="{legendY}">{SecurityElement.Escape(name)}</text>""");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Append(StringBuilder svg, FormattableString line) => svg.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
