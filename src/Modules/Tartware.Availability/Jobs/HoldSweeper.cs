using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tartware.Availability.Guard;
using Tartware.Availability.Locks;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Availability.Jobs;

/// <summary>
/// Role <c>guard</c>: expires holds whose TTL passed and returns their nights. Safe with many
/// processes: due rows are claimed with SKIP LOCKED and the lock's end is conditional on ACTIVE, so a
/// hold expires once. Errors are logged, counted and reported by the health check; the loop carries on.
/// </summary>
internal sealed partial class HoldSweeper(
    IUnitOfWorkFactory units, LockReleaser releaser, IOptions<AvailabilityOptions> options, TimeProvider time,
    AvailabilityMetrics metrics, JobHealth health, ILogger<HoldSweeper> logger) : BackgroundService
{
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                while (await SweepOnceAsync(stoppingToken) == Batch)
                {
                    // A full batch: more are due, go on without waiting.
                }

                health.Succeeded(nameof(HoldSweeper));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                health.Failed(nameof(HoldSweeper), ex.GetType().Name);
                LogFailed(ex.GetType().Name, ex.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One batch in one transaction; returns how many holds were due.</summary>
    internal async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var unit = await units.BeginWithoutTenantAsync(ct);
        await WorkerScope.EnterAsync(unit.Transaction, WorkerScope.Sweeper, ct);
        var due = await unit.Sql("""
            select tenant_id, lock_id, expires_at from availability.hold_expiries
            where expires_at <= $1 order by expires_at limit $2
            for update skip locked
            """).Bind(now, Batch).RowsAsync(r => (Tenant: r.GetGuid(0), Lock: r.GetGuid(1), ExpiresAt: r.GetFieldValue<DateTimeOffset>(2)), ct);
        foreach (var (tenant, lockId, _) in due)
        {
            await WorkerScope.SwitchTenantAsync(unit.Transaction, tenant, ct);
            var hold = await LockRecord.FindAsync(unit.Transaction, tenant, lockId, forUpdate: true, ct);
            if (hold is null || !await releaser.EndAsync(unit.Transaction, tenant, hold, "EXPIRED", "EXPIRED", "hold TTL elapsed", "sweeper", ct))
            {
                // Released meanwhile: only the queue row is left.
                await unit.Sql("delete from availability.hold_expiries where tenant_id = $1 and lock_id = $2").Bind(tenant, lockId).ExecAsync(ct);
            }
        }

        var waiting = await unit.Sql("select count(*), min(expires_at) from availability.hold_expiries")
            .RowsAsync(r => (Count: r.GetInt64(0), Oldest: r.IsDBNull(1) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(1)), ct);
        await unit.CommitAsync(ct);
        var oldestDue = due.Count > 0 ? due[0].ExpiresAt : (DateTimeOffset?)null;
        metrics.Swept(oldestDue is { } t ? now - t : TimeSpan.Zero, waiting[0].Count);
        return due.Count;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Hold sweep failed ({ExceptionType}: {Reason}); retrying on the next tick")]
    private partial void LogFailed(string exceptionType, string reason);
}
