using Cni.Testing;

namespace Cni.Tests;

/// <summary>Golden/conversions/libcni is exactly what eng/capture-conversions.sh writes from libcni 1.1.2 today.</summary>
public class LibcniConversionFilesTests
{
    [Fact]
    public async Task Checked_in_libcni_conversions_are_what_the_capture_script_writes_now()
    {
        Requires.Command("go");
        Requires.Folder("/usr/share/gocode/src/github.com/containernetworking/cni", "installing golang-github-appc-cni-dev (eng/prereqs.sh)");
        var output = Directory.CreateTempSubdirectory("cni-conversions-");
        try
        {
            var folder = Path.Combine(output.FullName, "libcni");
            var environment = new Dictionary<string, string>
            {
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin",
                ["HOME"] = output.FullName,
            };

            var (_, stderr, exitCode) = await PluginProcess.RunAsync(
                Path.Combine(RepositoryPaths.Root, "eng", "capture-conversions.sh"), environment, "", [folder], TimeSpan.FromMinutes(2));

            Assert.True(exitCode == 0, stderr);
            var written = Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            var checkedIn = Golden.List("conversions/libcni").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(checkedIn, written);
            Assert.All(written, name => Assert.Equal(Golden.Read($"conversions/libcni/{name}"), File.ReadAllText(Path.Combine(folder, name!))));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
