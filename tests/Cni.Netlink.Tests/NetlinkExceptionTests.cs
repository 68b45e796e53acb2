namespace Cni.Netlink.Tests;

/// <summary>How a failure reads: the operation, the errno's name and the C library's text for it.</summary>
public class NetlinkExceptionTests
{
    [Theory]
    [InlineData(17, "add link: EEXIST (File exists)")]
    [InlineData(19, "add link: ENODEV (No such device)")]
    [InlineData(2, "add link: ENOENT (No such file or directory)")]
    [InlineData(101, "add link: ENETUNREACH (Network is unreachable)")]
    public void The_message_names_the_operation_the_errno_and_its_text(int errno, string message)
        => Assert.Equal(message, new NetlinkException("add link", errno).Message);

    [Fact]
    public void The_kernels_text_and_a_detail_follow_the_errno()
        => Assert.Equal(
            "add link: EOPNOTSUPP (Operation not supported): module missing: kernel says \"Unknown device type\"",
            new NetlinkException("add link", 95, "module missing", "Unknown device type").Message);

    [Fact]
    public void An_errno_without_a_name_here_is_named_by_its_number()
        => Assert.Equal("E200", new NetlinkException("add link", 200).ErrorName);
}
