using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Cni.Testing;

/// <summary>
/// Golden files: expected output kept next to the tests under <c>Golden/</c>, compared byte for
/// byte. To approve new output, run the tests with <c>CNI_ACCEPT_GOLDEN=1</c> (refused under CI=true); the files are then
/// written into the source tree, and the diff is reviewed like code.
/// </summary>
public static class Golden
{
    /// <summary>Asserts that <paramref name="actual"/> equals the golden file's text.</summary>
    /// <param name="name">The file's path under the test project's <c>Golden/</c> folder.</param>
    /// <param name="actual">The produced text.</param>
    /// <param name="callerFile">Filled in by the compiler; locates the test project.</param>
    public static void Match(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(ProjectDirectory(callerFile), "Golden", name);
        if (IsApproving(Environment.GetEnvironmentVariable))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}. Run with CNI_ACCEPT_GOLDEN=1 to create it, then review it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    /// <summary>
    /// Whether this run approves golden files (<c>CNI_ACCEPT_GOLDEN=1</c>); approving rewrites the
    /// expectation, so it fails under <c>CI=true</c>, where the run is the judge.
    /// </summary>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>Whether to write the golden files instead of comparing.</returns>
    public static bool IsApproving(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("CNI_ACCEPT_GOLDEN") != "1")
        {
            return false;
        }

        Assert.False(environment("CI") == "true", "CNI_ACCEPT_GOLDEN=1 is refused under CI=true: golden files are approved on a developer's machine and reviewed.");
        return true;
    }

    /// <summary>Reads a golden file (for example a captured reference output used as input).</summary>
    /// <param name="name">The file's path under the test project's <c>Golden/</c> folder.</param>
    /// <param name="callerFile">Filled in by the compiler; locates the test project.</param>
    /// <returns>The file's text.</returns>
    public static string Read(string name, [CallerFilePath] string callerFile = "")
        => File.ReadAllText(Path.Combine(ProjectDirectory(callerFile), "Golden", name));

    /// <summary>The names of the golden files in a folder, for theories over all of them.</summary>
    /// <param name="folder">A folder under <c>Golden/</c>.</param>
    /// <param name="callerFile">Filled in by the compiler; locates the test project.</param>
    /// <returns>The paths relative to <c>Golden/</c>, sorted.</returns>
    public static IEnumerable<string> List(string folder, [CallerFilePath] string callerFile = "")
    {
        var root = Path.Combine(ProjectDirectory(callerFile), "Golden");
        return Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal);
    }

    private static string ProjectDirectory(string callerFile)
    {
        for (var dir = Path.GetDirectoryName(callerFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.EnumerateFiles(dir, "*.csproj").Any())
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"No test project above {callerFile}.");
    }
}
