using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tartware.Testing;

/// <summary>
/// A private redis-server (the binary scripts/test.sh installs) on a free loopback port, for tests
/// that kill Redis mid-test without disturbing the shared one. <see cref="Kill"/> sends SIGKILL.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RedisProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=500,syncTimeout=500";

    /// <summary>Starts one and waits until it answers PING.</summary>
    public static async Task<RedisProcess> StartAsync()
    {
        var port = FreePort();
        var info = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var redis = new RedisProcess(process, port);
        await Eventually.HoldsAsync(redis.PingsAsync, TimeSpan.FromSeconds(10), $"redis-server answers on port {port}");
        return redis;
    }

    /// <summary>SIGKILL, and wait for the process to be gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
    }

    /// <summary>True when PING gets PONG.</summary>
    public async Task<bool> PingsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"));
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
