using System.Globalization;
using Cni.Tool.Running;

namespace Cni.Tool.Bench;

/// <summary>
/// The file <c>cni measure</c> writes for bench: wall ticks, CPU ticks and peak RSS in KiB (<c>-</c> when
/// the plugin was not traced), separated by spaces. It is written whole (to a temporary name, then
/// renamed), so bench reads either nothing or all of it.
/// </summary>
internal static class MeasureReport
{
    public static async Task WriteAsync(string path, CallSample sample, CancellationToken cancellationToken)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{sample.Wall.Ticks} {sample.Cpu.Ticks} {(sample.PeakRssKib is { } rss ? rss.ToString(CultureInfo.InvariantCulture) : "-")}");
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, text, cancellationToken).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>Reads a report; <see langword="false"/> when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string text, out CallSample sample)
    {
        sample = default;
        var fields = text.Split(' ');
        if (fields.Length != 3
            || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var wall)
            || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cpu))
        {
            return false;
        }

        long? rss = null;
        if (fields[2] != "-")
        {
            if (!long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
            {
                return false;
            }

            rss = kib;
        }

        sample = new CallSample(TimeSpan.FromTicks(wall), TimeSpan.FromTicks(cpu), rss);
        return true;
    }
}
