using System.Data.Common;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Availability.Ledger;

/// <summary>
/// The ledger's SQL. Every writer locks nights in one global order — room type, then night — before
/// changing them, so concurrent claims, releases and maintenance never deadlock each other, and each
/// checks availability on rows it holds locked (READ COMMITTED re-reads a row after waiting for it).
/// The CHECK constraint on the table is the backstop if code ever got this wrong.
/// </summary>
internal static class NightLedger
{
    private const string Columns = "room_type_id, night, capacity, sold, held, blocked, oversell_limit, forced_allowance";

    public static Task<List<NightRow>> LockAsync(
        DbTransaction tx, Guid tenantId, Guid propertyId, Guid[] roomTypeIds, DateOnly from, DateOnly to, CancellationToken ct) =>
        tx.Sql($"""
            select {Columns} from availability.inventory_nights
            where tenant_id = $1 and property_id = $2 and room_type_id = any($3) and night >= $4 and night < $5
            order by room_type_id, night
            for update
            """).Bind(tenantId, propertyId, roomTypeIds, from, to).RowsAsync(NightRow.Read, ct);

    public static Task<List<NightRow>> ReadAsync(
        DbTransaction tx, Guid tenantId, Guid propertyId, Guid[] roomTypeIds, DateOnly from, DateOnly to, CancellationToken ct) =>
        tx.Sql($"""
            select {Columns} from availability.inventory_nights
            where tenant_id = $1 and property_id = $2 and room_type_id = any($3) and night >= $4 and night < $5
            order by night, room_type_id
            """).Bind(tenantId, propertyId, roomTypeIds, from, to).RowsAsync(NightRow.Read, ct);

    /// <summary>
    /// Adds a lock's takes to its (already locked) nights and records them. Unforced, the update
    /// itself re-checks the bound and must touch every night; forced, it raises the night's allowance
    /// by what exceeds the bound, so the CHECK holds and the overage stays visible.
    /// </summary>
    public static async Task TakeAsync(
        DbTransaction tx, Guid tenantId, Guid propertyId, Guid lockId, string bucket, IReadOnlyList<NightTake> takes, bool forced, CancellationToken ct)
    {
        if (takes.Count == 0)
        {
            return;
        }

        var types = takes.Select(t => t.RoomTypeId).ToArray();
        var nights = takes.Select(t => t.Night).ToArray();
        var quantities = takes.Select(t => t.Quantity).ToArray();
        var updated = await tx.Sql("""
            update availability.inventory_nights n set
                sold = n.sold + case when $3 = 'sold' then t.q else 0 end,
                held = n.held + case when $3 = 'held' then t.q else 0 end,
                blocked = n.blocked + case when $3 = 'blocked' then t.q else 0 end,
                forced_allowance = case when $4
                    then greatest(n.forced_allowance, n.sold + n.held + n.blocked + t.q - n.capacity - n.oversell_limit)
                    else n.forced_allowance end,
                updated_at = now()
            from unnest($5::uuid[], $6::date[], $7::int[]) as t(rt, night, q)
            where n.tenant_id = $1 and n.property_id = $2 and n.room_type_id = t.rt and n.night = t.night
              and ($4 or n.sold + n.held + n.blocked + t.q <= n.capacity + n.oversell_limit)
            """).Bind(tenantId, propertyId, bucket, forced, types, nights, quantities).ExecAsync(ct);
        if (updated != takes.Count)
        {
            // Unreachable while callers check availability on locked rows first; fail closed if not.
            throw new InvalidOperationException($"Ledger take touched {updated} of {takes.Count} nights; refusing a partial claim.");
        }

        await tx.Sql("""
            insert into availability.lock_nights (tenant_id, lock_id, property_id, room_type_id, night, bucket, quantity)
            select $1, $2, $3, t.rt, t.night, $4, t.q from unnest($5::uuid[], $6::date[], $7::int[]) as t(rt, night, q)
            """).Bind(tenantId, lockId, propertyId, bucket, types, nights, quantities).ExecAsync(ct);
    }

    /// <summary>Gives back everything a lock took (its nights locked first, in the global order) and forgets it.</summary>
    public static async Task ReturnAsync(DbTransaction tx, Guid tenantId, Guid lockId, CancellationToken ct)
    {
        await tx.Sql("""
            select 1 from availability.inventory_nights n
            join availability.lock_nights ln on ln.tenant_id = n.tenant_id and ln.property_id = n.property_id
                 and ln.room_type_id = n.room_type_id and ln.night = n.night
            where ln.tenant_id = $1 and ln.lock_id = $2
            order by n.room_type_id, n.night
            for update of n
            """).Bind(tenantId, lockId).ExecAsync(ct);
        await tx.Sql("""
            update availability.inventory_nights n set
                sold = n.sold - case when ln.bucket = 'sold' then ln.quantity else 0 end,
                held = n.held - case when ln.bucket = 'held' then ln.quantity else 0 end,
                blocked = n.blocked - case when ln.bucket = 'blocked' then ln.quantity else 0 end,
                forced_allowance = greatest(0, least(n.forced_allowance,
                    n.sold + n.held + n.blocked - ln.quantity - n.capacity - n.oversell_limit)),
                updated_at = now()
            from availability.lock_nights ln
            where ln.tenant_id = $1 and ln.lock_id = $2 and n.tenant_id = ln.tenant_id and n.property_id = ln.property_id
              and n.room_type_id = ln.room_type_id and n.night = ln.night
            """).Bind(tenantId, lockId).ExecAsync(ct);
        await tx.Sql("delete from availability.lock_nights where tenant_id = $1 and lock_id = $2").Bind(tenantId, lockId).ExecAsync(ct);
    }

    /// <summary>
    /// Creates the nights of [from, to) that do not exist yet, with <paramref name="capacity"/> rooms,
    /// the room type's oversell limit, and the active maintenance blocks that cover them.
    /// </summary>
    public static async Task<int> MaterializeAsync(
        DbTransaction tx, Guid tenantId, Guid propertyId, Guid roomTypeId, int capacity, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (to <= from)
        {
            return 0;
        }

        await tx.Sql("""
            insert into availability.room_type_horizons (tenant_id, property_id, room_type_id) values ($1, $2, $3)
            on conflict do nothing
            """).Bind(tenantId, propertyId, roomTypeId).ExecAsync(ct);
        var created = await tx.Sql("""
            insert into availability.inventory_nights (tenant_id, property_id, room_type_id, night, capacity, oversell_limit)
            select $1, $2, $3, d::date, $4, h.oversell_limit
            from generate_series($5::date, $6::date - 1, interval '1 day') as d
            join availability.room_type_horizons h on h.tenant_id = $1 and h.property_id = $2 and h.room_type_id = $3
            on conflict do nothing
            returning night
            """).Bind(tenantId, propertyId, roomTypeId, capacity, from, to).RowsAsync(r => DateOnly.FromDateTime(r.GetDateTime(0)), ct);
        if (created.Count == 0)
        {
            return 0;
        }

        // Open-ended and long maintenance blocks reach nights that did not exist when they were made.
        await tx.Sql("""
            insert into availability.lock_nights (tenant_id, lock_id, property_id, room_type_id, night, bucket, quantity)
            select l.tenant_id, l.id, l.property_id, $3, n.night, 'blocked', case when l.closes_all then $4 else l.quantity end
            from unnest($5::date[]) as n(night)
            join availability.inventory_locks l
              on l.tenant_id = $1 and l.property_id = $2 and l.status = 'ACTIVE'
             and l.kind in ('BLACKOUT', 'OUT_OF_ORDER', 'OUT_OF_SERVICE', 'ROOM_BLOCK')
             and (l.room_type_id = $3 or l.room_type_id is null)
             and n.night >= l.arrival and n.night < l.departure
            """).Bind(tenantId, propertyId, roomTypeId, capacity, created.ToArray()).ExecAsync(ct);
        await tx.Sql("""
            update availability.inventory_nights n set
                blocked = b.total,
                forced_allowance = greatest(0, b.total - n.capacity - n.oversell_limit)
            from (select night, sum(quantity)::int as total from availability.lock_nights
                  where tenant_id = $1 and property_id = $2 and room_type_id = $3 and night = any($4) group by night) b
            where n.tenant_id = $1 and n.property_id = $2 and n.room_type_id = $3 and n.night = b.night
            """).Bind(tenantId, propertyId, roomTypeId, created.ToArray()).ExecAsync(ct);
        return created.Count;
    }

}

/// <summary>
/// Capacity follows the room count. Sets capacity to the given room count on every existing night
/// from a date on; blackouts that close every room follow the count. Returns the nights
/// that would oversell (nothing changed) unless forced, which records the overage as
/// an allowance so the ledger's CHECK holds and the negative availability stays visible.
/// </summary>
internal static class CapacityLedger
{
    public static async Task<List<Contracts.Availability.NightShortage>> SetAsync(
        DbTransaction tx, Guid tenantId, Guid propertyId, Guid roomTypeId, DateOnly from, int rooms, bool force, CancellationToken ct)
    {
        var nights = await NightLedger.LockAsync(tx, tenantId, propertyId, [roomTypeId], from, LockKinds.OpenEnd, ct);
        var closing = (await tx.Sql("""
            select ln.night, count(*)::int from availability.lock_nights ln
            join availability.inventory_locks l on l.tenant_id = ln.tenant_id and l.id = ln.lock_id
            where ln.tenant_id = $1 and ln.property_id = $2 and ln.room_type_id = $3 and ln.night >= $4 and l.closes_all and l.status = 'ACTIVE'
            group by ln.night
            """).Bind(tenantId, propertyId, roomTypeId, from).RowsAsync(r => (Night: DateOnly.FromDateTime(r.GetDateTime(0)), Count: r.GetInt32(1)), ct))
            .ToDictionary(c => c.Night, c => c.Count);
        var shortages = nights
            .Select(n => (Night: n, Blocked: n.Blocked + (closing.GetValueOrDefault(n.Night) * (rooms - n.Capacity))))
            // Only nights this change makes worse: adding a room to a night oversold by force is no conflict.
            .Where(x => x.Night.Sold + x.Night.Held + x.Blocked > rooms + x.Night.OversellLimit && rooms < x.Night.Capacity)
            .Select(x => new Contracts.Availability.NightShortage(x.Night.Night, roomTypeId, rooms + x.Night.OversellLimit - x.Night.Sold - x.Night.Held - x.Blocked, 0))
            .ToList();
        if (shortages.Count > 0 && !force)
        {
            return shortages;
        }

        // Worked out per night on the locked rows, written in one statement.
        var changed = nights.Where(n => n.Capacity != rooms).Select(n =>
        {
            var blocked = n.Blocked + (closing.GetValueOrDefault(n.Night) * (rooms - n.Capacity));
            var excess = n.Sold + n.Held + blocked - rooms - n.OversellLimit;
            var allowance = force ? Math.Max(n.ForcedAllowance, excess) : Math.Max(0, Math.Min(n.ForcedAllowance, excess));
            return (n.Night, Blocked: Math.Max(0, blocked), Allowance: allowance);
        }).ToList();
        await tx.Sql("""
            update availability.inventory_nights n set capacity = $4, blocked = c.blocked, forced_allowance = c.allowance, updated_at = now()
            from unnest($5::date[], $6::int[], $7::int[]) as c(night, blocked, allowance)
            where n.tenant_id = $1 and n.property_id = $2 and n.room_type_id = $3 and n.night = c.night
            """).Bind(tenantId, propertyId, roomTypeId, rooms, changed.Select(c => c.Night).ToArray(),
                changed.Select(c => c.Blocked).ToArray(), changed.Select(c => c.Allowance).ToArray()).ExecAsync(ct);
        await tx.Sql("""
            update availability.lock_nights ln set quantity = $5
            from availability.inventory_locks l
            where l.tenant_id = ln.tenant_id and l.id = ln.lock_id and l.closes_all and l.status = 'ACTIVE'
              and ln.tenant_id = $1 and ln.property_id = $2 and ln.room_type_id = $3 and ln.night >= $4
            """).Bind(tenantId, propertyId, roomTypeId, from, rooms).ExecAsync(ct);
        return shortages;
    }
}
