using System.Globalization;
using Tartware.Bench.Load;
using Tartware.Bench.Platform;

namespace Tartware.Bench.Scenarios;

/// <summary>
/// The faults of a run, alongside a load phase.
/// <c>--kill ROLE --every T</c>: SIGKILLs the role's process every T, restarts it, and takes the
/// recovery time as the first successful request after the kill (what a client sees), next to the time
/// until the new process answered ready. <c>--broker-outage D</c>: at T into the first phase, SIGSTOPs the
/// dev broker for D and SIGCONTs it. SIGSTOP rather than SIGKILL because the dev broker is librdkafka's
/// in-memory mock: a killed one comes back without its topics, offsets and groups, which no real Kafka
/// outage does. A stopped broker keeps its sockets open and answers nothing, which is what clients see when
/// a broker hangs or a network partition drops packets: requests time out instead of being refused.
/// </summary>
internal sealed class FaultInjector(PlatformSupervisor supervisor, string? role, TimeSpan every, TimeProvider time,
    int? brokerPid = null, TimeSpan? brokerOutage = null)
{
    private readonly Lock _gate = new();
    private readonly List<(KillEvent Event, long KilledAt)> _kills = [];
    private bool _outageDone;
    private long _phaseStart;

    public IReadOnlyList<KillEvent> Kills
    {
        get
        {
            lock (_gate)
            {
                return [.. _kills.Select(k => k.Event)];
            }
        }
    }

    public bool Enabled => role is not null || brokerOutage is not null;

    /// <summary>The role killed on schedule, if any.</summary>
    public string? Role => role;

    /// <summary>Runs the fault loop until <paramref name="cancellationToken"/> (the phase's end).</summary>
    public async Task RunAsync(TimeSpan offset, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        _phaseStart = time.GetTimestamp();
        try
        {
            if (brokerOutage is { } outage && brokerPid is { } pid && !_outageDone)
            {
                _outageDone = true;
                await DelayUntilAsync(every, cancellationToken);
                await BrokerOutageAsync(pid, outage, offset, cancellationToken);
            }

            if (role is null)
            {
                return;
            }

            // Kills at every·k from the phase start, not every after the last restart: the schedule
            // stays the one asked for however long a restart takes.
            for (var k = 1; ; k++)
            {
                await DelayUntilAsync(every * k, cancellationToken);
                var killedAt = time.GetTimestamp();
                var at = (offset + time.GetElapsedTime(_phaseStart)).TotalSeconds;
                await supervisor.KillAndRestartAsync(role, at, kill =>
                {
                    lock (_gate)
                    {
                        _kills.Add((kill, killedAt));
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // the phase ended
        }
    }

    private async Task DelayUntilAsync(TimeSpan dueFromStart, CancellationToken cancellationToken)
    {
        var due = dueFromStart - time.GetElapsedTime(_phaseStart);
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due, time, cancellationToken);
        }
    }

    private async Task BrokerOutageAsync(int pid, TimeSpan outage, TimeSpan offset, CancellationToken cancellationToken)
    {
        var pidText = pid.ToString(CultureInfo.InvariantCulture);
        var stoppedAt = time.GetTimestamp();
        var fault = new KillEvent("broker", (offset + time.GetElapsedTime(_phaseStart)).TotalSeconds) { Kind = "broker-outage", At = time.GetUtcNow() };
        await Signal("-STOP", pidText);
        lock (_gate)
        {
            _kills.Add((fault, stoppedAt));
        }

        try
        {
            // The outage lasts its full length even when the phase ends first: the drain after it is part of the test.
            await Task.Delay(outage, time, CancellationToken.None);
        }
        finally
        {
            await Signal("-CONT", pidText);
            fault.ReadyAfterMs = time.GetElapsedTime(stoppedAt).TotalMilliseconds;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static async Task Signal(string signal, string pid)
    {
        var (rc, _, error) = await ProcessRunner.RunAsync("kill", [signal, pid], CancellationToken.None);
        if (rc != 0)
        {
            throw new InvalidOperationException($"kill {signal} {pid} failed: {error.Trim()}");
        }
    }

    /// <summary>Called for every outcome: the first success after a fault closes that fault's recovery.</summary>
    public void Observe(Outcome outcome)
    {
        if (outcome.Kind != OutcomeKind.Ok || !Enabled)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var (kill, killedAt) in _kills)
            {
                kill.RecoveryMs ??= time.GetElapsedTime(killedAt).TotalMilliseconds;
            }
        }
    }
}
