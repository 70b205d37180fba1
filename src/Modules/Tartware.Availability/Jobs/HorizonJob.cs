using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tartware.Availability.Guard;
using Tartware.Availability.Ledger;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Hosting;

namespace Tartware.Availability.Jobs;

/// <summary>
/// Role <c>guard</c>: keeps every tracked room type's nights materialized <see cref="AvailabilityOptions.HorizonDays"/>
/// ahead of the property's today (claims also materialize on demand, so this only saves them the work).
/// Room types are claimed with SKIP LOCKED, so several processes share the work without overlap.
/// </summary>
internal sealed class HorizonJob(
    IUnitOfWorkFactory units, ScopeResolver scopes, IOptions<AvailabilityOptions> options, TimeProvider time,
    JobHealth health, ILogger<HorizonJob> logger) : PeriodicWorker(time, logger)
{
    private const int Batch = 50;

    protected override TimeSpan Interval => options.Value.HorizonInterval;

    protected override async Task<bool> TickAsync(CancellationToken cancellationToken) => await ExtendOnceAsync(cancellationToken) == Batch;

    protected override void OnSucceeded() => health.Succeeded(nameof(HorizonJob));

    protected override void OnFailed(Exception exception) => health.Failed(nameof(HorizonJob), exception.GetType().Name);

    /// <summary>One batch of room types whose horizon is short; returns how many were looked at.</summary>
    internal async Task<int> ExtendOnceAsync(CancellationToken ct)
    {
        var horizon = options.Value.HorizonDays;
        // UTC date minus a day covers every time zone; the per-property date is worked out below.
        var behind = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime).AddDays(horizon - 2);
        await using var unit = await units.BeginWithoutTenantAsync(ct);
        await WorkerScope.EnterAsync(unit.Transaction, WorkerScope.Horizon, ct);
        var due = await unit.Sql("""
            select tenant_id, property_id, room_type_id from availability.room_type_horizons
            where materialized_through is null or materialized_through < $1
            order by tenant_id, property_id, room_type_id limit $2
            for update skip locked
            """).Bind(behind, Batch).RowsAsync(r => (Tenant: r.GetGuid(0), Property: r.GetGuid(1), RoomType: r.GetGuid(2)), ct);
        foreach (var (tenant, property, roomType) in due)
        {
            await WorkerScope.SwitchTenantAsync(unit.Transaction, tenant, ct);
            StayScope scope;
            try
            {
                scope = await scopes.ResolveAsync(unit.Transaction, property, roomType, null, ct);
            }
            catch (TartwareProblemException)
            {
                // The property or room type is gone: stop tracking it (its nights stay for the record).
                await unit.Sql("delete from availability.room_type_horizons where tenant_id = $1 and property_id = $2 and room_type_id = $3")
                    .Bind(tenant, property, roomType).ExecAsync(ct);
                continue;
            }

            var through = scope.Today.AddDays(horizon);
            await NightLedger.MaterializeAsync(unit.Transaction, tenant, property, roomType, scope.Capacity[roomType], scope.Today, through, ct);
            await unit.Sql("""
                update availability.room_type_horizons set materialized_through = $4
                where tenant_id = $1 and property_id = $2 and room_type_id = $3
                """).Bind(tenant, property, roomType, through.AddDays(-1)).ExecAsync(ct);
        }

        await unit.CommitAsync(ct);
        return due.Count;
    }
}
