using System.Runtime.InteropServices;
using System.Text;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Netlink;

public sealed partial class NetlinkSocket
{
    private const string AddTunOperation = "add tun link";
    private const int NameCapacity = 16;
    private const int LinkTextCapacity = 64;

    /// <summary>
    /// Creates a persistent tun or tap link as <c>ip tuntap add</c> does: the kernel refuses it over
    /// rtnetlink, and creates it in the namespace /dev/net/tun was opened in.
    /// </summary>
    private unsafe void AddTunLink(TunSpec tun)
    {
        var request = default(ifreq);
        Span<byte> name = request.ifr_name;
        if (Encoding.UTF8.GetByteCount(tun.Name) >= NameCapacity)
        {
            ThrowHelper.ThrowArgument("A link name has at most 15 bytes.", nameof(tun));
        }

        Encoding.UTF8.GetBytes(tun.Name, name);
        request.ifr_flags = (short)((tun.Mode == TunMode.Tun ? TunIoctl.IffTun : TunIoctl.IffTap) | TunIoctl.IffNoPi | (tun.MultiQueue ? TunIoctl.IffMultiQueue : 0));
        using (var device = OpenTunDevice())
        {
            // Until TUNSETPERSIST the link lives only as long as this file: a failure before it leaves nothing behind.
            TunIoctlOrThrow(device, TunIoctl.TunSetIff, (nint)(&request));
            if (tun.Owner is { } owner)
            {
                TunIoctlOrThrow(device, TunIoctl.TunSetOwner, (nint)owner);
            }

            if (tun.Group is { } group)
            {
                TunIoctlOrThrow(device, TunIoctl.TunSetGroup, (nint)group);
            }

            TunIoctlOrThrow(device, TunIoctl.TunSetPersist, 1);
        }

        if (tun.HasCommonSettings)
        {
            ApplyTunSettings(tun);
        }
    }

    private static void TunIoctlOrThrow(SafeFileHandle device, uint request, nint argument)
    {
        if (Libc.Ioctl(device, request, argument) != 0)
        {
            ThrowHelper.ThrowSystemCall(AddTunOperation, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>The settings every kind shares, in one request; the persistent link is deleted again when the kernel refuses them.</summary>
    private void ApplyTunSettings(TunSpec tun)
    {
        var holdsNamespace = false;
        try
        {
            tun.Namespace?.Handle.DangerousAddRef(ref holdsNamespace);
            lock (_lock)
            {
                var writer = StartRequest(out var sequence);
                Requests.SetLinkSettings(ref writer, sequence, tun);
                Acknowledge(writer.Written, sequence, AddTunOperation);
            }
        }
        catch (NetlinkException)
        {
            DeleteLink(tun.Name);
            throw;
        }
        finally
        {
            if (holdsNamespace)
            {
                tun.Namespace!.Handle.DangerousRelease();
            }
        }
    }

    /// <summary>Opens /dev/net/tun in this socket's namespace: on the calling thread when it is there already, else on a thread that enters it.</summary>
    private SafeFileHandle OpenTunDevice()
    {
        var fd = Libc.Ioctl(_handle, TunIoctl.SiocGSkNs, 0);
        if (fd < 0)
        {
            ThrowHelper.ThrowSystemCall(AddTunOperation, Marshal.GetLastPInvokeError());
        }

        using var socketNamespace = new SafeFileHandle(fd, ownsHandle: true);
        return IsCallingThreadIn(fd)
            ? OpenTunFile()
            : new NetworkNamespace(socketNamespace, "the netlink socket's namespace").Run(OpenTunFile);
    }

    private static SafeFileHandle OpenTunFile()
    {
        var fd = Libc.Open(TunIoctl.DevicePath, LibcConstants.ORdWr | LibcConstants.OCloexec, 0);
        if (fd < 0)
        {
            ThrowHelper.ThrowSystemCall(AddTunOperation, Marshal.GetLastPInvokeError());
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Whether a namespace descriptor names the calling thread's network namespace: both links read "net:[inode]".</summary>
    private static unsafe bool IsCallingThreadIn(int namespaceDescriptor)
    {
        Span<byte> path = stackalloc byte[32];
        "/proc/self/fd/"u8.CopyTo(path);
        namespaceDescriptor.TryFormat(path[14..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
        path[14 + digits] = 0;
        Span<byte> descriptorTarget = stackalloc byte[LinkTextCapacity];
        Span<byte> threadTarget = stackalloc byte[LinkTextCapacity];
        fixed (byte* descriptorPath = path)
        fixed (byte* threadPath = "/proc/thread-self/ns/net\0"u8)
        fixed (byte* descriptorBuffer = descriptorTarget)
        fixed (byte* threadBuffer = threadTarget)
        {
            var descriptorLength = Libc.ReadLink(descriptorPath, descriptorBuffer, LinkTextCapacity);
            var threadLength = Libc.ReadLink(threadPath, threadBuffer, LinkTextCapacity);
            return descriptorLength > 0 && descriptorLength == threadLength
                && descriptorTarget[..(int)descriptorLength].SequenceEqual(threadTarget[..(int)threadLength]);
        }
    }
}
