using System.Diagnostics;

namespace Tartware.Bench.Platform;

/// <summary>
/// One platform process: a name the fault flags use (<c>api</c>, <c>guard</c>; <c>processor</c> and
/// <c>dispatcher</c> once the reservation pipeline lands), the <c>--roles</c> it serves and its port.
/// </summary>
internal sealed record RoleProcess(string Name, string Roles, int Port)
{
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
}

/// <summary>
/// A fault and what it cost. <see cref="Kind"/> is <c>kill</c> (SIGKILL and restart of a role; <see cref="ReadyAfterMs"/> until the
/// new process answered ready) or <c>broker-outage</c> (the dev broker stopped for <see cref="ReadyAfterMs"/>).
/// <see cref="RecoveryMs"/>: from the fault to the load's first 2xx after it (what a client of the API sees).
/// <see cref="PipelineRecoveryMs"/>: from the fault until commands move again (a processor kill: the first apply after it; a
/// dispatcher kill or broker outage: the first PUBLISHED of a command accepted after it);
/// <see cref="CaughtUpMs"/>: from the fault until accept → APPLIED latency was back under the run's bound (the backlog is gone).
/// The pipeline figures come from the lifecycle timestamps and are filled in by the reservation scenarios.
/// </summary>
internal sealed record KillEvent(string Role, double AtSeconds)
{
    public double ReadyAfterMs { get; set; }

    public string Kind { get; init; } = "kill";

    /// <summary>Wall-clock time of the fault, to compare with lifecycle timestamps (same machine, same clock).</summary>
    public DateTimeOffset At { get; init; }

    public double? RecoveryMs { get; set; }

    public double? PipelineRecoveryMs { get; set; }

    public double? CaughtUpMs { get; set; }
}

/// <summary>
/// Starts <c>tartware serve</c> once per role, waits for readiness, SIGKILLs and restarts a role on
/// demand, and stops everything on dispose. Each role is its own process so a kill takes down exactly
/// what a crashed Kubernetes pod would; the processes inherit the <c>TARTWARE__*</c> settings. They bind
/// 127.0.0.1 only.
/// </summary>
internal sealed class PlatformSupervisor(string binary, IReadOnlyList<string> settings, string logDirectory) : IAsyncDisposable
{
    private readonly Dictionary<string, (RoleProcess Spec, Process Process)> _running = new(StringComparer.Ordinal);
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    public IEnumerable<RoleProcess> Roles => _running.Values.Select(r => r.Spec);

    /// <summary>Starts the roles side by side (each start is mostly JIT and connection set-up) and returns when all are ready.</summary>
    public Task StartAllAsync(IEnumerable<RoleProcess> specs, CancellationToken cancellationToken) =>
        Task.WhenAll(specs.Select(spec => StartAsync(spec, cancellationToken)));

    public async Task StartAsync(RoleProcess spec, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(logDirectory);
        var log = Path.Combine(logDirectory, $"{spec.Name}.log");
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // exec: the pid we hold is tartware itself, so SIGKILL reaches the server and not a shell.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$TARTWARE_BENCH_LOG\" 2>&1");
        info.ArgumentList.Add(binary);
        foreach (var arg in (string[])["serve", "--roles", spec.Roles, "--urls", spec.BaseAddress.ToString().TrimEnd('/')])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var setting in settings)
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add(setting);
        }

        info.Environment["TARTWARE_BENCH_LOG"] = log;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {binary}");
        lock (_running)
        {
            _running[spec.Name] = (spec, process);
        }

        // scripts/bench.sh kills these if the bench itself dies before it could stop them.
        await File.WriteAllTextAsync(Path.Combine(logDirectory, $"{spec.Name}.pid"), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        await WaitReadyAsync(spec, process, cancellationToken);
    }

    /// <summary>
    /// SIGKILL the role's process, start it again, and return when it answers ready. <paramref name="killed"/> sees the event as
    /// soon as the process is gone, so successes during the restart count for a role the load does not talk to.
    /// </summary>
    public async Task<KillEvent> KillAndRestartAsync(string name, double atSeconds, Action<KillEvent> killed, CancellationToken cancellationToken)
    {
        (RoleProcess Spec, Process Process) entry;
        lock (_running)
        {
            entry = _running[name];
        }

        var (spec, process) = entry;
        var at = DateTimeOffset.UtcNow;
        process.Kill(); // SIGKILL on Unix: no graceful drain, which is the point
        await process.WaitForExitAsync(cancellationToken);
        process.Dispose();
        var kill = new KillEvent(name, atSeconds) { At = at };
        killed(kill);
        var started = Stopwatch.GetTimestamp();
        await StartAsync(spec, cancellationToken);
        kill.ReadyAfterMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return kill;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process) in _running.Values)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.Dispose();
        }

        _running.Clear();
        _probe.Dispose();
    }

    private async Task WaitReadyAsync(RoleProcess spec, Process process, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 90);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"tartware serve ({spec.Name}) exited with {process.ExitCode}; see {logDirectory}/{spec.Name}.log");
            }

            try
            {
                using var response = await _probe.GetAsync(new Uri(spec.BaseAddress, "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // probe timeout
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"tartware serve ({spec.Name}) was not ready within 90 s; see {logDirectory}/{spec.Name}.log");
    }
}
