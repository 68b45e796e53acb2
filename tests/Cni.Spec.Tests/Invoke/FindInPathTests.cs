namespace Cni.Tests.Invoke;

public sealed class FindInPathTests : IDisposable
{
    private readonly PluginFolder _folder = new();
    private readonly CniPluginInvoker _invoker = Quiet.Invoker();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_first_folder_holding_the_name_wins()
    {
        var first = _folder.Folder("first");
        var second = _folder.Folder("second");
        var third = _folder.Folder("third");
        File.WriteAllText(Path.Join(second, "p"), "");
        File.WriteAllText(Path.Join(third, "p"), "");

        Assert.Equal(Path.Join(second, "p"), _invoker.FindInPath("p", [first, second, third]));
        Assert.Equal(Path.Join(third, "p"), _invoker.FindInPath("p", [third, second]));
    }

    [Fact]
    public void A_folder_of_that_name_is_not_a_plugin()
    {
        var first = _folder.Folder("first");
        Directory.CreateDirectory(Path.Join(first, "p"));
        var second = _folder.Folder("second");
        File.WriteAllText(Path.Join(second, "p"), "");

        Assert.Equal(Path.Join(second, "p"), _invoker.FindInPath("p", [first, second]));
    }

    [Fact]
    public void A_symbolic_link_to_a_file_is_found()
    {
        var target = _folder.Script("real", "exit 0");
        var links = _folder.Folder("links");
        File.CreateSymbolicLink(Path.Join(links, "p"), target);

        Assert.Equal(Path.Join(links, "p"), _invoker.FindInPath("p", [links]));
    }

    [Fact]
    public void The_execute_bit_is_not_looked_at_as_in_libcni()
    {
        var first = _folder.Folder("first");
        File.WriteAllText(Path.Join(first, "p"), "not executable");
        var second = _folder.Folder("second");
        _folder.Script("second/p", "exit 0");

        Assert.Equal(Path.Join(first, "p"), _invoker.FindInPath("p", [first, second]));
    }

    [Fact]
    public void Not_found_gives_libcni_message_with_the_folders()
    {
        var a = _folder.Folder("a");
        var b = _folder.Folder("b");

        var error = Assert.Throws<CniException>(() => _invoker.FindInPath("nonexist", [a, b]));

        Assert.Equal($"failed to find plugin \"nonexist\" in path [{a} {b}]", error.Message);
        Assert.Equal(CniErrorCode.Internal, error.Code);
    }

    [Theory]
    [InlineData("", "no plugin name provided")]
    [InlineData("a/b", "invalid plugin name: a/b")]
    [InlineData("../p", "invalid plugin name: ../p")]
    public void Bad_names_are_rejected_with_libcni_messages(string name, string message)
    {
        var error = Assert.Throws<CniException>(() => _invoker.FindInPath(name, [_folder.Path]));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void No_folders_is_an_error()
    {
        var error = Assert.Throws<CniException>(() => _invoker.FindInPath("p", []));
        Assert.Equal("no paths provided", error.Message);
    }
}
