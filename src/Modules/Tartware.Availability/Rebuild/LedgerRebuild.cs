using System.Globalization;
using Tartware.Availability.Guard;
using Tartware.Contracts.Availability;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Availability.Rebuild;

/// <summary>
/// <c>tartware guard rebuild</c>: the ledger is a cache of the locks. After a failover (or to audit it)
/// this recomputes every night's sold/held/blocked from the active locks' recorded takes, capacity from
/// the rooms (today on), and frees room assignments whose lock ended — or, verifying, only reports.
/// </summary>
internal sealed class LedgerRebuild(IUnitOfWorkFactory units, ScopeResolver scopes, AvailabilityMetrics metrics)
    : IAvailabilityMaintenance
{
    public async Task<LedgerDriftReport> RebuildAsync(Guid tenantId, Guid? propertyId, bool verifyOnly, CancellationToken cancellationToken = default)
    {
        var ct = cancellationToken;
        await using var unit = await units.BeginAsync(tenantId, ct);
        var tx = unit.Transaction;
        var propertyIds = await unit.Sql("""
            select distinct property_id from availability.inventory_nights where tenant_id = $1 and ($2::uuid is null or property_id = $2)
            """).Bind(tenantId, propertyId).RowsAsync(r => r.GetGuid(0), ct);
        var checkedNights = 0;
        var drifted = new List<string>();
        foreach (var property in propertyIds.Order())
        {
            var scope = await scopes.ResolveAsync(tx, property, null, null, ct);
            var roomTypes = scope.RoomTypeIds;
            var counts = roomTypes.Select(t => scope.Capacity[t]).ToArray();
            // Lock the nights first, in the writers' order, then read in a new statement: READ COMMITTED gives
            // that statement a fresh snapshot in which no writer is half-way through these nights. Locking and
            // reading in one statement would re-read a waited-for night but not the locks it joins (EvalPlanQual),
            // and report — or "repair" — drift that is not there.
            await unit.Sql("""
                select 1 from availability.inventory_nights where tenant_id = $1 and property_id = $2
                order by room_type_id, night for update
                """).Bind(tenantId, property).ExecAsync(ct);
            var rows = await unit.Sql("""
                with takes as (
                    select ln.room_type_id, ln.night,
                           coalesce(sum(ln.quantity) filter (where ln.bucket = 'sold'), 0)::int as sold,
                           coalesce(sum(ln.quantity) filter (where ln.bucket = 'held'), 0)::int as held,
                           coalesce(sum(ln.quantity) filter (where ln.bucket = 'blocked'), 0)::int as blocked
                    from availability.lock_nights ln
                    join availability.inventory_locks l on l.tenant_id = ln.tenant_id and l.id = ln.lock_id and l.status = 'ACTIVE'
                    where ln.tenant_id = $1 and ln.property_id = $2
                    group by ln.room_type_id, ln.night),
                rooms as (select * from unnest($3::uuid[], $4::int[]) as r(room_type_id, count))
                select n.room_type_id, n.night, n.capacity, n.sold, n.held, n.blocked,
                       case when n.night >= $5 then coalesce(r.count, 0) else n.capacity end as e_capacity,
                       coalesce(t.sold, 0), coalesce(t.held, 0), coalesce(t.blocked, 0)
                from availability.inventory_nights n
                left join takes t on t.room_type_id = n.room_type_id and t.night = n.night
                left join rooms r on r.room_type_id = n.room_type_id
                where n.tenant_id = $1 and n.property_id = $2
                order by n.room_type_id, n.night
                """).Bind(tenantId, property, roomTypes, counts, scope.Today).RowsAsync(r => (
                    RoomType: r.GetGuid(0), Night: DateOnly.FromDateTime(r.GetDateTime(1)),
                    Stored: (r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)),
                    Expected: (r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9))), ct);
            checkedNights += rows.Count;
            var off = rows.Where(r => r.Stored != r.Expected).ToList();
            drifted.AddRange(off.Select(o => string.Create(CultureInfo.InvariantCulture,
                $"{property} {o.RoomType} {o.Night:yyyy-MM-dd}: stored capacity/sold/held/blocked {o.Stored} expected {o.Expected}")));
            if (!verifyOnly && off.Count > 0)
            {
                await unit.Sql("""
                    update availability.inventory_nights n set capacity = e.capacity, sold = e.sold, held = e.held, blocked = e.blocked,
                        forced_allowance = greatest(0, e.sold + e.held + e.blocked - e.capacity - n.oversell_limit), updated_at = now()
                    from unnest($3::uuid[], $4::date[], $5::int[], $6::int[], $7::int[], $8::int[]) as e(rt, night, capacity, sold, held, blocked)
                    where n.tenant_id = $1 and n.property_id = $2 and n.room_type_id = e.rt and n.night = e.night
                    """).Bind(tenantId, property, off.Select(o => o.RoomType).ToArray(), off.Select(o => o.Night).ToArray(),
                        off.Select(o => o.Expected.Item1).ToArray(), off.Select(o => o.Expected.Item2).ToArray(),
                        off.Select(o => o.Expected.Item3).ToArray(), off.Select(o => o.Expected.Item4).ToArray()).ExecAsync(ct);
            }
        }

        var strayAssignments = await unit.Sql("""
            select count(*)::int from availability.room_assignments a
            join availability.inventory_locks l on l.tenant_id = a.tenant_id and l.id = a.lock_id
            where a.tenant_id = $1 and a.active and l.status <> 'ACTIVE' and ($2::uuid is null or a.property_id = $2)
            """).Bind(tenantId, propertyId).ScalarAsync<int>(ct);
        if (!verifyOnly)
        {
            await unit.Sql("""
                update availability.room_assignments a set active = false, released_at = now()
                from availability.inventory_locks l
                where l.tenant_id = a.tenant_id and l.id = a.lock_id and a.tenant_id = $1 and a.active and l.status <> 'ACTIVE'
                  and ($2::uuid is null or a.property_id = $2)
                """).Bind(tenantId, propertyId).ExecAsync(ct);
            await unit.CommitAsync(ct);
        }

        metrics.Drift(drifted.Count);
        return new LedgerDriftReport(checkedNights, drifted.Count, strayAssignments, !verifyOnly, [.. drifted.Take(20)]);
    }
}
