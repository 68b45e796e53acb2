using System.Net;
using System.Net.Sockets;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>
/// A loopback TCP relay in front of an etcd member, so a test can cut a client off (every connection
/// closed, new ones refused) and let it back, or freeze it (connections stay open, nothing passes: a member
/// that hangs, or a path that went away), while etcd itself keeps running and others still reach it.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly List<TcpClient> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _refusing;
    private volatile bool _frozen;

    public TcpRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>Where clients connect.</summary>
    public Uri Url { get; }

    /// <summary>Closes every relayed connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _refusing = true;
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    /// <summary>Stops passing bytes either way, on every connection, open or new; nothing is closed.</summary>
    public void Freeze() => _frozen = true;

    public void Restore() => (_refusing, _frozen) = (false, false);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (_refusing)
            {
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await from.GetStream().ReadAsync(buffer, _stop.Token)) > 0)
            {
                while (_frozen)
                {
                    await Task.Delay(50, _stop.Token);
                }

                await to.GetStream().WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException or OperationCanceledException)
        {
            // The other side, or Cut, closed it.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
