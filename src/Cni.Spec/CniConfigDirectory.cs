using Microsoft.Extensions.Logging;

namespace Cni;

/// <summary>
/// Network configurations in a directory, as runtimes find them (libcni's <c>ConfFiles</c> and
/// <c>LoadConfList</c>, kubelet's "first file wins"): <c>*.conflist</c> files hold lists; <c>*.conf</c> and
/// <c>*.json</c> hold single configurations, lifted into a list of one.
/// </summary>
public static partial class CniConfigDirectory
{
    private static readonly string[] s_extensions = [".conf", ".conflist", ".json"];

    /// <summary>The configuration files in <paramref name="directory"/>, in byte order of their names; none when it does not exist.</summary>
    /// <param name="directory">The directory, for example <c>/etc/cni/net.d</c>.</param>
    /// <returns>Full paths.</returns>
    public static IReadOnlyList<string> Files(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory).Where(f => s_extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal)).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>
    /// The network a runtime uses: the first file by name that loads. A file that does not load is, by
    /// default, skipped with a warning, as CRI-O skips it; with <see cref="CniConfigFileFailure.Fail"/> the
    /// load stops there, as containerd's does.
    /// </summary>
    /// <param name="directory">The directory.</param>
    /// <param name="onFailure">What to do with a file that does not load.</param>
    /// <param name="logger">Where a skipped file is reported (event <c>ConfigFileSkipped</c>, a warning); none when <see langword="null"/>.</param>
    /// <returns>The network, or <see langword="null"/> when no file loads.</returns>
    /// <exception cref="CniException">
    /// With <see cref="CniConfigFileFailure.Fail"/>: the first file that does not load, as
    /// <c>failed to load CNI config file PATH: …</c> (<c>config list file</c> for a <c>.conflist</c>), with its
    /// code, or code 5 when it cannot be read.
    /// </exception>
    public static NetworkConfigList? LoadFirst(string directory, CniConfigFileFailure onFailure = CniConfigFileFailure.Skip, ILogger? logger = null)
    {
        foreach (var file in Files(directory))
        {
            CniException failure;
            try
            {
                return LoadFile(file);
            }
            catch (CniException e)
            {
                failure = e;
            }
            catch (IOException e)
            {
                failure = new CniException(CniErrorCode.IOFailure, e.Message, null, e);
            }

            if (onFailure == CniConfigFileFailure.Fail)
            {
                var kind = file.EndsWith(".conflist", StringComparison.Ordinal) ? "config list file" : "config file";
                throw new CniException(failure.Code, $"failed to load CNI {kind} {file}: {failure.Message}", failure.Details, failure);
            }

            if (logger is not null)
            {
                LogSkipped(logger, file, failure.Message, failure);
            }
        }

        return null;
    }

    /// <summary>
    /// The network named <paramref name="name"/>: the first <c>.conflist</c> with that name, else the first
    /// single configuration with it (libcni's <c>LoadConfList</c>).
    /// </summary>
    /// <param name="directory">The directory.</param>
    /// <param name="name">The network name.</param>
    /// <returns>The network.</returns>
    /// <exception cref="CniException">Code 7 when no file holds that network.</exception>
    public static NetworkConfigList Load(string directory, string name)
    {
        var files = Files(directory);
        if (files.Count == 0)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"no net configurations found in {directory}");
        }

        foreach (var file in files.Where(f => f.EndsWith(".conflist", StringComparison.Ordinal)).Concat(files.Where(f => !f.EndsWith(".conflist", StringComparison.Ordinal))))
        {
            var list = LoadFile(file);
            if (list.Name == name)
            {
                return list;
            }
        }

        throw new CniException(CniErrorCode.InvalidNetworkConfig, $"no net configuration with name \"{name}\" in {directory}");
    }

    /// <summary>Reads one file: a list from a <c>.conflist</c>, a single configuration lifted into a list otherwise.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The network.</returns>
    /// <exception cref="CniException">The file is not a valid configuration.</exception>
    public static NetworkConfigList LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        return path.EndsWith(".conflist", StringComparison.Ordinal) ? NetworkConfigList.Parse(bytes) : NetworkConfigList.FromConfig(bytes);
    }
}
