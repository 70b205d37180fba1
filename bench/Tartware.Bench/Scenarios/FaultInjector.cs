using Tartware.Bench.Load;
using Tartware.Bench.Platform;

namespace Tartware.Bench.Scenarios;

/// <summary>
/// <c>--kill ROLE --every T</c>: while a load phase runs, SIGKILLs the role's process every T, restarts
/// it, and takes the recovery time as the first successful request after the kill (what a client
/// sees), next to the time until the new process answered ready.
/// </summary>
internal sealed class FaultInjector(PlatformSupervisor supervisor, string? role, TimeSpan every, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<(KillEvent Event, long KilledAt)> _kills = [];
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

    public bool Enabled => role is not null;

    /// <summary>Runs the kill loop until <paramref name="cancellationToken"/> (the phase's end).</summary>
    public async Task RunAsync(TimeSpan offset, CancellationToken cancellationToken)
    {
        if (role is null)
        {
            return;
        }

        _phaseStart = time.GetTimestamp();
        try
        {
            // Kills at every·k from the phase start, not every after the last restart: the schedule
            // stays the one asked for however long a restart takes.
            for (var k = 1; ; k++)
            {
                var due = (every * k) - time.GetElapsedTime(_phaseStart);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, time, cancellationToken);
                }

                var killedAt = time.GetTimestamp();
                var at = (offset + time.GetElapsedTime(_phaseStart)).TotalSeconds;
                var kill = await supervisor.KillAndRestartAsync(role, at, CancellationToken.None);
                lock (_gate)
                {
                    _kills.Add((kill, killedAt));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the phase ended
        }
    }

    /// <summary>Called for every outcome: the first success after a restart closes that kill's recovery.</summary>
    public void Observe(Outcome outcome)
    {
        if (outcome.Kind != OutcomeKind.Ok || role is null)
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
