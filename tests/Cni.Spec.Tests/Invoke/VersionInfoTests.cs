using Cni.Testing;

namespace Cni.Tests.Invoke;

public sealed class VersionInfoTests : IDisposable
{
    private readonly PluginFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VERSION_is_sent_with_libcni_dummy_values_and_the_current_version_on_stdin()
    {
        var plugin = _folder.Script("v", """
            test "$CNI_COMMAND" = VERSION || exit 11
            test "$CNI_NETNS" = dummy -a "$CNI_IFNAME" = dummy -a "$CNI_PATH" = dummy || exit 12
            test -z "$CNI_CONTAINERID" -a -z "$CNI_ARGS" || exit 13
            test "$(cat)" = '{"cniVersion":"1.1.0"}' || exit 14
            echo '{"cniVersion":"1.0.0","supportedVersions":["1.0.0","0.3.1","0.4.0"]}'
            """);

        var info = await Quiet.Invoker().GetVersionInfoAsync(plugin, Token);

        Assert.Equal(CniVersion.V100, info.CniVersion);
        Assert.Equal([CniVersion.V031, CniVersion.V040, CniVersion.V100], info.SupportedVersions.Versions);
    }

    [Fact]
    public async Task A_plugin_older_than_VERSION_supports_0_1_0()
    {
        var plugin = _folder.Script("old", "echo '{\"code\":4,\"msg\":\"unknown CNI_COMMAND: VERSION\"}'; exit 1");

        var info = await Quiet.Invoker().GetVersionInfoAsync(plugin, Token);

        Assert.Equal([CniVersion.V010], info.SupportedVersions.Versions);
    }

    [Fact]
    public async Task A_0_2_0_answer_without_a_list_supports_0_1_0_and_0_2_0()
    {
        var plugin = _folder.Script("v020", "echo '{\"cniVersion\":\"0.2.0\"}'");

        var info = await Quiet.Invoker().GetVersionInfoAsync(plugin, Token);

        Assert.Equal([CniVersion.V010, CniVersion.V020], info.SupportedVersions.Versions);
    }

    [Theory]
    [InlineData("{\"supportedVersions\":[\"1.0.0\"]}", "decoding version info: missing field cniVersion")]
    [InlineData("{\"cniVersion\":\" \",\"supportedVersions\":[\"1.0.0\"]}", "decoding version info: missing field cniVersion")]
    [InlineData("{\"cniVersion\":\"1.0.0\"}", "decoding version info: missing field supportedVersions")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[]}", "decoding version info: missing field supportedVersions")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[\"one\"]}", "decoding version info: invalid version \"one\"")]
    public async Task Unusable_answers_give_libcni_messages(string answer, string message)
    {
        var plugin = _folder.Script("bad", $"cat <<'END'\n{answer}\nEND");

        var error = await Assert.ThrowsAsync<CniException>(() => Quiet.Invoker().GetVersionInfoAsync(plugin, Token));

        Assert.Equal(message, error.Message);
        Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
    }

    [Fact]
    public async Task An_answer_that_is_not_JSON_is_a_decoding_failure()
    {
        var plugin = _folder.Script("bad", "echo 'version 1'");

        var error = await Assert.ThrowsAsync<CniException>(() => Quiet.Invoker().GetVersionInfoAsync(plugin, Token));

        Assert.StartsWith("decoding version info: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
    }

    [Fact]
    public async Task The_reference_host_local_answers_VERSION()
    {
        var plugin = Requires.Executable("/usr/lib/cni/host-local");

        var info = await Quiet.Invoker().GetVersionInfoAsync(plugin, Token);

        Assert.True(info.CniVersion >= CniVersion.V100);
        Assert.True(info.SupportedVersions.Contains(CniVersion.V010));
        Assert.True(info.SupportedVersions.Contains(CniVersion.V100));
    }
}
