using System.Buffers;
using System.Text;

namespace Cni.Internal.Host;

/// <summary>
/// The spec's rules for network names, container IDs and interface names, with skel's messages.
/// </summary>
internal static class IdentifierRules
{
    private const int MaxInterfaceNameBytes = 15;

    private static readonly SearchValues<char> Alphanumerics =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    /// <summary>
    /// Network names and container IDs: an ASCII letter or digit, then letters, digits, <c>_</c>,
    /// <c>.</c> or <c>-</c> (the reference's <c>^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$</c>).
    /// </summary>
    public static bool IsValidName(ReadOnlySpan<char> name)
        => !name.IsEmpty && Alphanumerics.Contains(name[0]) && !name.ContainsAnyExcept(NameCharacters);

    /// <summary>Code 7 errors for the config's <c>name</c>.</summary>
    public static void ValidateNetworkName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "missing network name");
        }

        if (!IsValidName(name))
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "invalid characters found in network name", name);
        }
    }

    /// <summary>CNI_CONTAINERID: code 3 when empty, code 4 when it breaks the name rule.</summary>
    public static void ValidateContainerId(string? containerId)
    {
        if (string.IsNullOrEmpty(containerId))
        {
            throw new CniException(CniErrorCode.UnknownContainer, "missing containerID");
        }

        if (!IsValidName(containerId))
        {
            throw new CniException(CniErrorCode.InvalidEnvironmentVariables, "invalid characters in containerID", containerId);
        }
    }

    /// <summary>
    /// CNI_IFNAME, checked as Linux checks link names: not empty, at most 15 bytes, not <c>.</c> or
    /// <c>..</c>, no <c>/</c>, <c>:</c> or whitespace. Code 4.
    /// </summary>
    public static void ValidateInterfaceName(string? ifName)
    {
        if (string.IsNullOrEmpty(ifName))
        {
            throw new CniException(CniErrorCode.InvalidEnvironmentVariables, "interface name is empty");
        }

        if (Encoding.UTF8.GetByteCount(ifName) > MaxInterfaceNameBytes)
        {
            throw new CniException(
                CniErrorCode.InvalidEnvironmentVariables,
                "interface name is too long",
                $"interface name should be less than {MaxInterfaceNameBytes + 1} characters");
        }

        if (ifName is "." or "..")
        {
            throw new CniException(CniErrorCode.InvalidEnvironmentVariables, "interface name is . or ..");
        }

        foreach (var rune in ifName.EnumerateRunes())
        {
            if (rune.Value is '/' or ':' || Rune.IsWhiteSpace(rune))
            {
                throw new CniException(CniErrorCode.InvalidEnvironmentVariables, "interface name contains / or : or whitespace characters");
            }
        }
    }
}
