using System.Data.Common;
using Npgsql;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Availability.Guard;

/// <summary>
/// Room-level occupancy: a stay or a maintenance block on one room for a date range. The exclusion
/// constraint <c>room_assignments_no_double_booking</c> makes two overlapping active rows for one room
/// impossible; the read before the insert only gives a better answer (who is in the way).
/// </summary>
internal sealed class RoomOccupancy
{
    public const string Occupied = "room-occupied";

    /// <summary>Puts <paramref name="lockId"/> on the room; forced, it first unassigns the stays in the way (they keep their inventory).</summary>
    public async Task OccupyAsync(DbTransaction tx, Guid tenantId, Guid propertyId, Guid roomId, Guid lockId, DateOnly from, DateOnly to,
        bool force, string actor, CancellationToken ct)
    {
        var blockers = await tx.Sql("""
            select a.id, l.id, l.idempotency_key, l.kind from availability.room_assignments a
            join availability.inventory_locks l on l.tenant_id = a.tenant_id and l.id = a.lock_id
            where a.tenant_id = $1 and a.room_id = $2 and a.active and a.stay && daterange($3, $4)
            for update of a
            """).Bind(tenantId, roomId, from, to).RowsAsync(r => (Assignment: r.GetGuid(0), Lock: r.GetGuid(1), Key: r.GetString(2), Kind: r.GetString(3)), ct);
        if (blockers.Count > 0)
        {
            if (!force || blockers.Any(b => b.Kind != Ledger.LockKinds.Reservation))
            {
                throw OccupiedConflict(blockers.Select(b => (b.Key, b.Kind)));
            }

            foreach (var blocker in blockers)
            {
                await tx.Sql("update availability.room_assignments set active = false, released_at = now() where tenant_id = $1 and id = $2")
                    .Bind(tenantId, blocker.Assignment).ExecAsync(ct);
                await LockJournal.RecordAsync(tx, tenantId, blocker.Lock, "FORCED", actor, "room taken out of service", new { unassignedRoomId = roomId }, ct);
            }
        }

        try
        {
            await tx.Sql("""
                insert into availability.room_assignments (tenant_id, id, property_id, room_id, lock_id, stay) values ($1, $2, $3, $4, $5, daterange($6, $7))
                """).Bind(tenantId, Guid.CreateVersion7(), propertyId, roomId, lockId, from, to).ExecAsync(ct);
        }
        catch (PostgresException ex) when (ex.IsExclusionViolation("room_assignments_no_double_booking"))
        {
            // A concurrent transaction took the room after our read.
            throw OccupiedConflict([]);
        }
    }

    /// <summary>Frees the rooms of a lock.</summary>
    public static Task<int> VacateAsync(DbTransaction tx, Guid tenantId, Guid lockId, CancellationToken ct) =>
        tx.Sql("update availability.room_assignments set active = false, released_at = now() where tenant_id = $1 and lock_id = $2 and active")
            .Bind(tenantId, lockId).ExecAsync(ct);

    /// <summary>The room currently assigned to a lock, if any.</summary>
    public static async Task<Guid?> AssignedRoomAsync(DbTransaction tx, Guid tenantId, Guid lockId, CancellationToken ct) =>
        (await tx.Sql("select room_id from availability.room_assignments where tenant_id = $1 and lock_id = $2 and active")
            .Bind(tenantId, lockId).RowsAsync(r => r.GetGuid(0), ct)).Cast<Guid?>().FirstOrDefault();

    private static ConflictException OccupiedConflict(IEnumerable<(string Key, string Kind)> blockers)
    {
        var list = blockers.ToList();
        var conflict = new ConflictException("The room is already taken for some of these nights.", Occupied);
        conflict.Extensions["blockingKeys"] = list.Select(b => b.Key).ToList();
        // Force only moves stays off the room; a block or hold in the way has to be released (the rooms commands tell them apart).
        conflict.Extensions["blockingKinds"] = list.Select(b => b.Kind).ToList();
        return conflict;
    }
}
