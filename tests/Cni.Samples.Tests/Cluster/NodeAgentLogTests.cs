using System.Globalization;
using System.Text.Json;
using Cni.Testing;

namespace Cni.Samples.Tests.Cluster;

/// <summary>
/// The published node agent's log formats: with <c>--log-format json</c> every line it writes is one
/// JSON object, its own lines carrying the message template's fields and the node's name. The agent
/// runs in a namespace the test creates where no link holds the underlay address, so it logs why it
/// stops and exits 1 before it needs etcd.
/// </summary>
public sealed class NodeAgentLogTests
{
    [Fact]
    public async Task With_log_format_json_each_line_is_a_JSON_object_with_the_template_fields_and_the_node_scope()
    {
        var (stdout, stderr, exitCode) = await RunAgentAsync("--log-format", "json");

        Assert.True(exitCode == 1, $"exit {exitCode}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Object, e.ValueKind));
        var failure = Assert.Single(entries, e => e.GetProperty("Category").GetString() == "NodeAgent.Agent");
        Assert.Equal("Critical", failure.GetProperty("LogLevel").GetString());
        Assert.Equal("no link of this node holds the underlay address 10.98.0.99", failure.GetProperty("Message").GetString());
        var state = failure.GetProperty("State");
        Assert.Equal("no link of this node holds the underlay address 10.98.0.99", state.GetProperty("Reason").GetString());
        Assert.Equal("{Reason}", state.GetProperty("{OriginalFormat}").GetString());
        var scope = Assert.Single(failure.GetProperty("Scopes").EnumerateArray());
        Assert.Equal("cnit-node-a", scope.GetProperty("NodeName").GetString());
        var timestamp = failure.GetProperty("Timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        var written = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(written, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task By_default_each_line_is_text()
    {
        var (stdout, stderr, exitCode) = await RunAgentAsync();

        Assert.True(exitCode == 1, $"exit {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains(stdout.Split('\n'), line => line.Contains("crit: NodeAgent.Agent[", StringComparison.Ordinal) && line.EndsWith("no link of this node holds the underlay address 10.98.0.99", StringComparison.Ordinal));
        Assert.DoesNotContain("{\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_log_format_is_refused_with_the_usage()
    {
        var (_, stderr, exitCode) = await RunAgentAsync("--log-format", "xml");

        Assert.Equal(2, exitCode);
        Assert.Contains("node-agent: --log-format must be simple or json, not \"xml\"", stderr, StringComparison.Ordinal);
        Assert.Contains("--log-format simple|json", stderr, StringComparison.Ordinal);
    }

    private static async Task<(string Stdout, string Stderr, int ExitCode)> RunAgentAsync(params string[] options)
    {
        var agent = Requires.Executable(Path.Combine(RepositoryPaths.Agents, "node-agent"));
        using var node = TestNamespace.Create();
        var configDirectory = Directory.CreateTempSubdirectory("cnit-agent-");
        try
        {
            return await PluginProcess.RunAsync(
                "/usr/sbin/ip",
                new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin" },
                "",
                [
                    "netns", "exec", node.Name, agent, "--node-name", "cnit-node-a", "--underlay-address", "10.98.0.99",
                    "--cluster-cidr", "10.244.0.0/16", "--etcd-endpoints", "http://127.0.0.1:9", "--conf-dir", configDirectory.FullName, .. options,
                ],
                TimeSpan.FromSeconds(30));
        }
        finally
        {
            configDirectory.Delete(recursive: true);
        }
    }
}
