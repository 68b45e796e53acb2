using System.Buffers.Binary;
using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>
/// Every sample is published with the start-up settings of samples/Directory.Build.props
/// (docs/plugin-host.md, "Startup"); a project that loses them starts measurably slower.
/// </summary>
public sealed class PublishedBinaryTests
{
    private const ushort ElfExecutable = 2; // ET_EXEC; a position-independent binary is ET_DYN (3).

    public static TheoryData<string> Samples()
    {
        var samples = new TheoryData<string>();
        foreach (var project in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            samples.Add(Path.GetFileName(Path.GetDirectoryName(project))!);
        }

        return samples;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_is_published_as_a_fixed_address_executable(string sample)
    {
        var path = Requires.Executable(Path.Combine(sample.EndsWith("-agent", StringComparison.Ordinal) ? RepositoryPaths.Agents : RepositoryPaths.Plugins, sample));
        Span<byte> header = stackalloc byte[18];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(header);
        }

        Assert.True(header[..4].SequenceEqual("\u007FELF"u8), $"{path} is not an ELF file");
        Assert.Equal(ElfExecutable, BinaryPrimitives.ReadUInt16LittleEndian(header[16..]));
    }
}
