using Microsoft.AspNetCore.Builder;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tartware.Host;
using Tartware.Host.Cli;
using Tartware.Testing;

namespace Tartware.Reservations.Tests.Infrastructure;

/// <summary>
/// The platform as production runs it: one <c>tartware serve</c> process per role (api, dispatcher,
/// processor) on a scratch database, with a private dev broker process, so a test can SIGKILL a role,
/// restart it, or freeze the broker (SIGSTOP/SIGCONT) and then check the invariants in PostgreSQL. The
/// façades (tenant provisioning) come from a built, never started app against the same database.
/// </summary>
public sealed class PipelineCluster : PlatformHost
{
    public static readonly string[] Topics =
        ["reservations.events:6", "reservations.applied:6", "reservations.events.dlq:1", "inventory.events:6", "rooms.commands:3", "rooms.applied:3", "rooms.commands.dlq:1"];

    private readonly Dictionary<string, (int Port, Process? Process)> _roles = new(StringComparer.Ordinal)
    {
        ["api"] = (FreePort(), null),
        ["dispatcher"] = (FreePort(), null),
        ["processor"] = (FreePort(), null),
    };

    private readonly string _logs = Path.Combine(Path.GetTempPath(), "tartware-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ManualResetEventSlim _brokerDown = new();
    private readonly ManualResetEventSlim _brokerUp = new();
    private TestDatabase? _database;
    private Process? _broker;
    private string _bootstrap = string.Empty;
    private WebApplication? _facades;

    /// <summary>tartware_app on the cluster's database.</summary>
    public string AppConnectionString => _database!.AppConnectionString;

    /// <summary>Extra settings for every role process (a test class may add its own before start).</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Kafka:FetchWaitMaxMs"] = "20",
        ["Kafka:SessionTimeoutMs"] = "6000",
        ["Messaging:Outbox:Lease"] = "00:00:03",
        ["Messaging:Outbox:BaseBackoff"] = "00:00:00.200",
        ["Messaging:Outbox:MaxBackoff"] = "00:00:02",
        ["Messaging:Outbox:PublishTimeout"] = "00:00:05",
        ["Reservations:QuickRetries"] = "2",
        ["Reservations:QuickRetryDelay"] = "00:00:00.020",
        ["Reservations:RetrySchedule:0"] = "00:00:00.200",
        ["RateLimiting:Policies:api:Ip:PermitsPerMinute"] = "1000000",
        ["RateLimiting:Policies:api:Ip:Burst"] = "100000",
        ["RateLimiting:Policies:api:User:PermitsPerMinute"] = "1000000",
        ["RateLimiting:Policies:api:User:Burst"] = "100000",
        ["RateLimiting:Policies:api:Tenant:PermitsPerMinute"] = "1000000",
        ["RateLimiting:Policies:api:Tenant:Burst"] = "100000",
        ["RateLimiting:Policies:auth:Ip:PermitsPerMinute"] = "100000",
        ["RateLimiting:Policies:auth:Ip:Burst"] = "100000",
    };

    public override async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_logs);
        _database = await TestDatabase.CreateAsync();
        var database = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = _database.AppConnectionString,
            ["Database:MigrationConnectionString"] = _database.OwnerConnectionString,
        };
        using (var output = new StringWriter())
        {
            var exit = await TartwareCli.InvokeAsync(["migrate", .. database.SelectMany(kv => new[] { "--set", $"{kv.Key}={kv.Value}" })], output, output);
            if (exit != 0)
            {
                throw new InvalidOperationException("migrate failed: " + output);
            }
        }

        await StartBrokerAsync();
        Settings["Database:ConnectionString"] = _database.AppConnectionString;
        Settings["Kafka:BootstrapServers"] = _bootstrap;
        Settings["Redis:KeyPrefix"] = "cluster-" + Guid.NewGuid().ToString("N")[..8] + ":";
        foreach (var role in _roles.Keys.ToList())
        {
            await StartAsync(role);
        }

        var builder = TartwareApp.CreateBuilder(new HostSettings([], Roles: "api", Overrides: Settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value)));
        _facades = builder.Build();
        UseRemote(_facades.Services, new Uri($"http://127.0.0.1:{_roles["api"].Port}"));
    }

    /// <summary>Starts (or restarts) a role's process and waits until it answers /health/live.</summary>
    public async Task StartAsync(string role)
    {
        var (port, _) = _roles[role];
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "tartware"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["serve", "--roles", role, "--urls", $"http://127.0.0.1:{port}"])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Settings)
        {
            info.Environment["TARTWARE__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // Not Production: the dispatcher's crash point is refused there.
        info.Environment["DOTNET_ENVIRONMENT"] = "Testing";

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + role);
        var log = File.AppendText(Path.Combine(_logs, role + ".log"));
        log.AutoFlush = true;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _roles[role] = (port, process);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{role} exited with {process.ExitCode}; see {_logs}/{role}.log");
            }

            try
            {
                using var response = await probe.GetAsync($"http://127.0.0.1:{port}/health/live");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{role} did not become live; see {_logs}/{role}.log");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly what a crashed node does.</summary>
    public async Task KillAsync(string role)
    {
        var (port, process) = _roles[role];
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _roles[role] = (port, null);
    }

    /// <summary>True when the role's process exited on its own (e.g. the dispatcher's crash point fired).</summary>
    public bool HasExited(string role) => _roles[role].Process is { HasExited: true };

    /// <summary>
    /// Stops the broker: the mock cluster takes its brokers down (connections closed, new ones refused, the
    /// log kept), as a broker restart or a network partition looks to clients. Freezing the process with
    /// SIGSTOP instead proved unreliable: the mock cluster sometimes died on SIGCONT.
    /// </summary>
    public Task PauseBrokerAsync() => ControlAsync("down");

    public Task ResumeBrokerAsync() => ControlAsync("up");

    private async Task ControlAsync(string command)
    {
        var acknowledged = command == "down" ? _brokerDown : _brokerUp;
        acknowledged.Reset();
        await _broker!.StandardInput.WriteLineAsync(command);
        await _broker.StandardInput.FlushAsync();
        if (!acknowledged.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"the dev broker did not acknowledge '{command}'");
        }
    }

    private async Task StartBrokerAsync()
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "tartware"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add("dev-broker");
        info.ArgumentList.Add("--control-stdin");
        foreach (var topic in Topics)
        {
            info.ArgumentList.Add("--topic");
            info.ArgumentList.Add(topic);
        }

        _broker = new Process { StartInfo = info, EnableRaisingEvents = true };
        var log = File.AppendText(Path.Combine(_logs, "broker.log"));
        log.AutoFlush = true;
        _broker.Exited += (_, _) => Write(log, $"broker exited with {_broker.ExitCode} at {DateTime.UtcNow:O}");
        _broker.Start();
        _broker.ErrorDataReceived += (_, e) => Write(log, e.Data);
        _broker.BeginErrorReadLine();
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _broker.OutputDataReceived += (_, e) =>
        {
            Write(log, e.Data);
            if (e.Data == "brokers down")
            {
                _brokerDown.Set();
            }
            else if (e.Data == "brokers up")
            {
                _brokerUp.Set();
            }

            if (e.Data?.StartsWith("bootstrap.servers=", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(e.Data["bootstrap.servers=".Length..]);
            }
        };
        _broker.BeginOutputReadLine();
        _bootstrap = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var role in _roles.Keys.ToList())
        {
            await KillAsync(role);
        }

        if (_broker is { HasExited: false })
        {
            _broker.Kill();
            await _broker.WaitForExitAsync();
        }

        if (_facades is not null)
        {
            await _facades.DisposeAsync();
        }

        await base.DisposeAsync();
        _brokerDown.Dispose();
        _brokerUp.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
