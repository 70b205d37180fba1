using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tartware.Availability.Guard;
using Tartware.Availability.Locks;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Hosting;

namespace Tartware.Availability.Jobs;

/// <summary>
/// Role <c>guard</c>: expires holds whose TTL passed and returns their nights. Safe with many
/// processes: due rows are claimed with SKIP LOCKED and the lock's end is conditional on ACTIVE, so a
/// hold expires once. Failures are logged and reported by the health check; the loop carries on (<see cref="PeriodicWorker"/>).
/// </summary>
internal sealed class HoldSweeper(
    IUnitOfWorkFactory units, LockReleaser releaser, IOptions<AvailabilityOptions> options, TimeProvider time,
    AvailabilityMetrics metrics, JobHealth health, ILogger<HoldSweeper> logger) : PeriodicWorker(time, logger)
{
    private const int Batch = 200;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override async Task<bool> TickAsync(CancellationToken cancellationToken) => await SweepOnceAsync(cancellationToken) == Batch;

    protected override void OnSucceeded() => health.Succeeded(nameof(HoldSweeper));

    protected override void OnFailed(Exception exception) => health.Failed(nameof(HoldSweeper), exception.GetType().Name);

    /// <summary>One batch in one transaction; returns how many holds were due.</summary>
    internal async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow();
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
}
