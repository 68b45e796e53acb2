using Xunit;

namespace Cni.Testing;

/// <summary>
/// What a test needs from the machine. Missing, the test is skipped on a developer's machine and
/// fails under CI=true, so CI never passes by skipping.
/// </summary>
public static class Requires
{
    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The test runs as root (network namespaces, netlink changes).</summary>
    public static void Root()
    {
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !IsEffectiveRoot())
        {
            Missing("root privileges");
        }
    }

    /// <summary>An executable exists at <paramref name="path"/> (for example /usr/lib/cni/bridge).</summary>
    /// <param name="path">The absolute path of the executable.</param>
    /// <returns>The path, for convenience.</returns>
    public static string Executable(string path)
    {
        if (!File.Exists(path))
        {
            Missing($"{path} (install the Debian package that provides it; eng/test.sh does)");
        }

        return path;
    }

    /// <summary>A folder exists at <paramref name="path"/> (for example artifacts/packages, which dotnet pack fills).</summary>
    /// <param name="path">The absolute path of the folder.</param>
    /// <param name="howToMake">The command that makes it, for the message.</param>
    /// <returns>The path, for convenience.</returns>
    public static string Folder(string path, string howToMake)
    {
        if (!Directory.Exists(path))
        {
            Missing($"{path} ({howToMake} makes it)");
        }

        return path;
    }

    /// <summary>Something the build makes (a package, a published binary) was found.</summary>
    /// <param name="path">Where it was found, or <see langword="null"/> when it was not.</param>
    /// <param name="what">What it is and what makes it, for the message.</param>
    /// <returns>The path.</returns>
    public static string Built(string? path, string what)
    {
        if (path is null)
        {
            Missing(what);
        }

        return path!;
    }

    /// <summary>An executable named <paramref name="name"/> is on PATH.</summary>
    /// <param name="name">The command name.</param>
    /// <returns>Its full path.</returns>
    public static string Command(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Missing($"the command '{name}' on PATH");
        return name;
    }

    private static bool IsEffectiveRoot()
    {
        // /proc/self/status has "Uid: real effective saved fs".
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 2 && fields[2] == "0";
            }
        }

        return false;
    }

    private static void Missing(string what)
    {
        if (InCi)
        {
            Assert.Fail($"This test needs {what}; under CI=true a missing requirement is a failure, not a skip.");
        }

        Assert.Skip($"Needs {what}.");
    }
}
