namespace Cni.Tool.Bench;

/// <summary>The progress line on stderr: rewritten in place on a terminal, one line per tenth otherwise.</summary>
internal sealed class BenchProgress(IReadOnlyList<BenchSubject> subjects, int total)
{
    private readonly bool _terminal = !Console.IsErrorRedirected;

    public void Report(int round)
    {
        if (!_terminal && round % Math.Max(1, total / 10) != 0)
        {
            return;
        }

        var medians = string.Join(", ", subjects.Where(s => s.Adds.Count > 0).Select(s =>
            $"{s.Label} ADD p50 {Percentiles.Milliseconds(Percentiles.Of([.. s.Adds.Select(a => a.Wall).Order()], 50))}"));
        var line = $"bench: round {round}/{total}{(medians.Length > 0 ? ": " + medians : " (warm-up)")}";
        if (_terminal)
        {
            Console.Error.Write($"\r{line,-100}");
        }
        else
        {
            Console.Error.WriteLine(line);
        }
    }

    public void Done()
    {
        if (_terminal)
        {
            Console.Error.WriteLine();
        }
    }
}
