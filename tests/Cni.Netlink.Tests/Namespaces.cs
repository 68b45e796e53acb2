namespace Cni.Netlink.Tests;

/// <summary>Identifies network namespaces by their nsfs link text ("net:[4026532281]").</summary>
internal static class Namespaces
{
    public static string? IdOfProcess(int processId) => Read($"/proc/{processId}/ns/net");

    public static string? IdOfCurrentThread() => Read("/proc/thread-self/ns/net");

    public static string? IdOf(NetworkNamespace networkNamespace) => networkNamespace.Run(IdOfCurrentThread);

    private static string? Read(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
