namespace Cni.Testing;

/// <summary>Locations in the repository the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the first folder above the test binary that holds Cni.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Where eng/publish.sh puts the NativeAOT sample plugins.</summary>
    public static string Plugins => Path.Combine(Root, "artifacts", "plugins");

    /// <summary>Where eng/publish.sh puts the NativeAOT sample agents (samples/*-agent: long-running, not plugins).</summary>
    public static string Agents => Path.Combine(Root, "artifacts", "agents");

    /// <summary>Where eng/test.sh packs the NuGet packages.</summary>
    public static string Packages => Path.Combine(Root, "artifacts", "packages");

    private static string FindRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Cni.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"No Cni.sln above {AppContext.BaseDirectory}.");
    }
}
