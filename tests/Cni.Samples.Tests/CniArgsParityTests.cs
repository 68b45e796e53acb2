using System.Text;
using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>
/// The CNI_ARGS table in docs/config.md, row by row: each row's CNI_ARGS is given to an ADD of Debian's
/// host-local (containernetworking-plugins 1.1.1, whose CNI_ARGS go through libcni's types.LoadArgs) and of
/// ours, each on its own data directory, and each binary's outcome must be what its column says. The table
/// is the only list of cases, so the page cannot claim an outcome that is not checked.
/// </summary>
public sealed class CniArgsParityTests
{
    private const string Marker = "<!-- cni-args-table -->";

    public static TheoryData<string> Rows() => [.. ReadTable().Keys];

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_binary_answers_what_the_table_says(string cniArgs)
    {
        var (referenceClaim, oursClaim) = ReadTable()[cniArgs];

        Assert.Equal(referenceClaim, await OutcomeAsync(HostLocalPlugin.Reference, cniArgs));
        Assert.Equal(oursClaim, await OutcomeAsync(HostLocalPlugin.Ours, cniArgs));
    }

    [Fact]
    public void The_table_has_the_cases_issue_13_names()
    {
        var rows = ReadTable().Keys;

        Assert.True(rows.Count >= 20, $"{rows.Count} rows");
        Assert.Contains("LABEL=a=b", rows);
        Assert.Contains("A=1;;B=2", rows);
        Assert.Contains("foo", rows);
        Assert.Contains("X=1;X=2", rows);
        Assert.Contains("IgnoreUnknown=yes;X=1", rows);
        Assert.Contains(" IP=10.62.0.5", rows);
    }

    /// <summary>An ADD's outcome as the table writes it: the address allocated, or the error's code and message.</summary>
    private static async Task<string> OutcomeAsync(string binary, string cniArgs)
    {
        using var dataDir = new HostLocalDataDir();
        var output = await HostLocalPlugin.RunAsync(binary, "ADD", dataDir.Config("'subnet':'10.62.0.0/24'"), "cnit-args", "eth0", cniArgs);
        if (output.ExitCode == 0)
        {
            var result = CniResult.Parse(Encoding.UTF8.GetBytes(output.Stdout));
            return $"`{string.Join(", ", result.IPs.Select(ip => ip.Address.Address))}`";
        }

        var (code, msg) = HostLocalPlugin.Error(output);
        return $"{code} `{msg}`";
    }

    /// <summary>The rows after the marker: CNI_ARGS (in a code span) → the reference's and our outcome.</summary>
    private static Dictionary<string, (string Reference, string Ours)> ReadTable()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "config.md"));
        var start = Array.IndexOf(lines, Marker);
        Assert.True(start >= 0, $"docs/config.md has no {Marker}");
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 3).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split(" | ");
            Assert.True(cells.Length == 3, $"not a row of three cells: {line}");
            var input = cells[0]["| `".Length..^1];
            rows.Add(input, (cells[1], cells[2].TrimEnd(' ', '|')));
        }

        return rows;
    }
}
