using Microsoft.Extensions.Logging;

namespace Cni.Tests.Runtime;

/// <summary>
/// <see cref="CniConfigDirectory.LoadFirst"/> with a file that does not load before one that does: skipped
/// and logged as a warning (CRI-O), or the load fails naming the file (containerd).
/// </summary>
public sealed class ConfigDirectoryFailureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-confdir-").FullName;

    public ConfigDirectoryFailureTests()
    {
        File.WriteAllText(Path.Join(_directory, "10-broken.conf"), """{"cniVersion":"1.0.0","name":"broken"}""");
        File.WriteAllText(Path.Join(_directory, "20-good.conflist"), """{"cniVersion":"1.0.0","name":"good","plugins":[{"type":"bridge"}]}""");
    }

    private string Broken => Path.Join(_directory, "10-broken.conf");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void By_default_a_file_that_does_not_load_is_skipped_with_a_warning_naming_it()
    {
        var logger = new RecordingLogger();

        var list = CniConfigDirectory.LoadFirst(_directory, logger: logger);

        Assert.Equal("good", list!.Name);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal($"Skipped CNI configuration file {Broken}: error parsing configuration: missing 'type'", entry.Message);
        Assert.Equal(CniErrorCode.InvalidNetworkConfig, Assert.IsType<CniException>(entry.Exception).Code);
    }

    [Fact]
    public void Skip_without_a_logger_still_skips()
        => Assert.Equal("good", CniConfigDirectory.LoadFirst(_directory, CniConfigFileFailure.Skip)!.Name);

    [Fact]
    public void Fail_stops_at_the_file_that_does_not_load_as_containerd_does()
    {
        var logger = new RecordingLogger();

        var error = Assert.Throws<CniException>(() => CniConfigDirectory.LoadFirst(_directory, CniConfigFileFailure.Fail, logger));

        Assert.Equal(CniErrorCode.InvalidNetworkConfig, error.Code);
        Assert.Equal($"failed to load CNI config file {Broken}: error parsing configuration: missing 'type'", error.Message);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_an_IO_failure_when_failing_and_skipped_otherwise()
    {
        var dangling = Path.Join(_directory, "05-dangling.conflist");
        File.CreateSymbolicLink(dangling, Path.Join(_directory, "nowhere"));
        var logger = new RecordingLogger();

        var error = Assert.Throws<CniException>(() => CniConfigDirectory.LoadFirst(_directory, CniConfigFileFailure.Fail, null));
        var list = CniConfigDirectory.LoadFirst(_directory, CniConfigFileFailure.Skip, logger);

        Assert.Equal(CniErrorCode.IOFailure, error.Code);
        Assert.StartsWith($"failed to load CNI config list file {dangling}: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("good", list!.Name);
        Assert.Equal([dangling, Broken], logger.Entries.Select(e => e.Message.Split(' ')[4].TrimEnd(':')));
    }
}
