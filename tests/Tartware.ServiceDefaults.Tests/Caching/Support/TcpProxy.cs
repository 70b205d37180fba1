using System.Net;
using System.Net.Sockets;

namespace Tartware.ServiceDefaults.Tests.Caching.Support;

/// <summary>
/// Forwards a local port to Redis and can cut it: <see cref="Down"/> drops every connection and refuses new
/// ones (as a network partition would), <see cref="Up"/> lets clients reconnect. Redis itself keeps its data.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _lock = new();
    private readonly Task _accepting;
    private volatile bool _up = true;

    public TcpProxy(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The Redis test configuration pointed at this proxy.</summary>
    public string Configuration(string live) =>
        string.Join(',', live.Split(',').Select((part, i) => i == 0 ? $"127.0.0.1:{Port}" : part));

    public void Down()
    {
        _up = false;
        lock (_lock)
        {
            _open.ForEach(c => c.Dispose());
            _open.Clear();
        }
    }

    public void Up() => _up = true;

    public async ValueTask DisposeAsync()
    {
        Down();
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (!_up)
            {
                client.Dispose();
                continue;
            }

            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(_target, _stop.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }

            lock (_lock)
            {
                _open.Add(client);
                _open.Add(upstream);
            }

            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The other side or Down() closed the connection.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
