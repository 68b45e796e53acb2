using Cni.Testing;

namespace Cni.Netlink.Tests;

/// <summary>Named namespaces, running code inside one, and sockets opened inside one.</summary>
public class NamespaceTests
{
    [Fact]
    public void Created_namespace_is_bind_mounted_like_ip_netns_add_and_deleted()
    {
        Requires.Root();
        var name = "cnit-" + Guid.NewGuid().ToString("N")[..10];
        using (var created = NetworkNamespace.Create(name))
        {
            try
            {
                Assert.True(File.Exists("/run/netns/" + name));
                Assert.Contains(" /run/netns/" + name + " ", File.ReadAllText("/proc/self/mountinfo"), StringComparison.Ordinal);
                Assert.NotEqual(Namespaces.IdOfCurrentThread(), Namespaces.IdOf(created));
                using var again = NetworkNamespace.OpenByName(name);
                Assert.Equal(Namespaces.IdOf(created), Namespaces.IdOf(again));
                Assert.True(Assert.Throws<NetlinkException>(() => NetworkNamespace.Create(name)).IsExists);
            }
            finally
            {
                NetworkNamespace.Delete(name);
            }
        }

        Assert.False(File.Exists("/run/netns/" + name));
        Assert.True(Assert.Throws<NetlinkException>(() => NetworkNamespace.Delete(name)).IsNotFound);
        Assert.True(Assert.Throws<NetlinkException>(() => NetworkNamespace.OpenByName(name)).IsNotFound);
    }

    [Fact]
    public void Run_executes_on_a_thread_inside_the_namespace_and_leaves_the_caller_alone()
    {
        using var ns = TestNamespace.Create();
        var outside = Namespaces.IdOfCurrentThread();
        var inside = ns.Namespace.Run(Namespaces.IdOfCurrentThread);
        Assert.NotEqual(outside, inside);
        Assert.Equal(outside, Namespaces.IdOfCurrentThread());

        var ex = Assert.Throws<InvalidOperationException>(() => ns.Namespace.Run(() => throw new InvalidOperationException("from inside")));
        Assert.Equal("from inside", ex.Message);
    }

    [Fact]
    public void Namespace_of_a_process_opens()
    {
        using var mine = NetworkNamespace.OpenByProcess(Environment.ProcessId);
        using var current = NetworkNamespace.OpenCurrent();
        Assert.Equal(Namespaces.IdOf(mine), Namespaces.IdOf(current));
    }

    [Fact]
    public void Names_with_a_slash_are_refused()
    {
        Assert.Throws<ArgumentException>(() => NetworkNamespace.Create("../etc"));
        Assert.Throws<ArgumentException>(() => NetworkNamespace.OpenByName(".."));
    }

    [Fact]
    public async Task Socket_opened_in_a_namespace_works_from_any_thread()
    {
        using var ns = TestNamespace.Create();
        ns.AddBridge("cnit-any");
        var seen = await Task.Run(() => ns.Socket.GetLink("cnit-any").Name);
        Assert.Equal("cnit-any", seen);

        using var hostSocket = NetlinkSocket.Open();
        Assert.False(hostSocket.TryGetLink("cnit-any", new LinkInfo()));
    }

    [Fact]
    public void Concurrent_requests_on_one_socket_are_serialized()
    {
        using var ns = TestNamespace.Create();
        var index = ns.AddBridge("cnit-par");
        Parallel.For(0, 8, _ =>
        {
            var info = new LinkInfo();
            for (var i = 0; i < 200; i++)
            {
                Assert.True(ns.Socket.TryGetLink(index, info));
                Assert.Equal("cnit-par", info.Name);
            }
        });
    }

    [Fact]
    public void Sysctls_are_read_and_written_inside_the_namespace_only()
    {
        using var ns = TestNamespace.Create();
        var hostValue = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").TrimEnd('\n');
        ns.Namespace.WriteSysctl("net.ipv4.ip_forward", hostValue == "1" ? "0" : "1");
        Assert.Equal(hostValue == "1" ? "0" : "1", ns.Namespace.ReadSysctl("net.ipv4.ip_forward"));
        Assert.Equal(hostValue, File.ReadAllText("/proc/sys/net/ipv4/ip_forward").TrimEnd('\n'));

        var link = ns.AddBridge("cnit-sys.1");
        Assert.True(link > 0);
        ns.Namespace.WriteSysctl("net/ipv6/conf/cnit-sys.1/accept_dad", "0");
        Assert.Equal("0", ns.Namespace.ReadSysctl("net/ipv6/conf/cnit-sys.1/accept_dad"));
        Assert.Throws<ArgumentException>(() => ns.Namespace.ReadSysctl("net/../../etc/passwd"));
        Assert.ThrowsAny<IOException>(() => ns.Namespace.ReadSysctl("net.ipv4.no_such_sysctl"));
    }
}
