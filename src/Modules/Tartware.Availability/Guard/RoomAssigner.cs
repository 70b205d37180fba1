using System.Data.Common;
using Npgsql;
using Tartware.Availability.Ledger;
using Tartware.Availability.Locks;
using Tartware.Contracts.Availability;
using Tartware.Contracts.Properties;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Availability.Guard;

/// <summary>
/// Assigns a room to a stay. A named room must be of the stay's type; without one, rooms of the type
/// are tried clean first, then inspected, then the rest, skipping rooms out of order or service. Each
/// try runs in its own savepoint, so losing a race on one room just moves on to the next.
/// </summary>
internal sealed class RoomAssigner(IRoomDirectory rooms)
{
    private static readonly string[] Preference = ["CLEAN", "INSPECTED"];

    public async Task<AssignmentOutcome> AssignAsync(DbTransaction tx, Guid tenantId, LockRecord stay, Guid? roomId, string actor, CancellationToken ct)
    {
        if (!stay.IsActive || stay.Kind is not (LockKinds.Reservation or LockKinds.Hold) || stay.RoomTypeId is null)
        {
            return new(false, null, "lock-not-active");
        }

        var candidates = (await rooms.ListRoomsAsync(tx, stay.PropertyId, stay.RoomTypeId, ct))
            .Where(r => r.Status is "AVAILABLE" or "OCCUPIED").ToList();
        if (roomId is { } wanted)
        {
            var room = await rooms.FindRoomAsync(tx, wanted, ct);
            if (room is null || room.PropertyId != stay.PropertyId)
            {
                return new(false, null, "room-not-found");
            }

            if (room.RoomTypeId != stay.RoomTypeId)
            {
                return new(false, null, "room-type-mismatch");
            }

            candidates = [room];
        }
        else
        {
            candidates = [.. candidates.OrderBy(r => Array.IndexOf(Preference, r.HousekeepingStatus) is var i and >= 0 ? i : Preference.Length)
                .ThenBy(r => r.Number, StringComparer.Ordinal)];
        }

        var previous = await RoomOccupancy.AssignedRoomAsync(tx, tenantId, stay.Id, ct);
        await RoomOccupancy.VacateAsync(tx, tenantId, stay.Id, ct);
        foreach (var candidate in candidates)
        {
            if (await TryAssignAsync(tx, tenantId, stay.PropertyId, candidate.Id, stay.Id, stay.Arrival, stay.Departure, ct))
            {
                await LockJournal.RecordAsync(tx, tenantId, stay.Id, "RECLAIMED", actor, "room assigned", new { roomId = candidate.Id, previous }, ct);
                return new(true, candidate.Id, null);
            }
        }

        if (previous is { } kept)
        {
            await TryAssignAsync(tx, tenantId, stay.PropertyId, kept, stay.Id, stay.Arrival, stay.Departure, ct);
        }

        return new(false, null, roomId is null ? "no-room-available" : RoomOccupancy.Occupied);
    }

    /// <summary>One try in a savepoint: true when the room is now the stay's, false when another stay holds it.</summary>
    internal static async Task<bool> TryAssignAsync(DbTransaction tx, Guid tenantId, Guid propertyId, Guid roomId, Guid lockId,
        DateOnly arrival, DateOnly departure, CancellationToken ct)
    {
        var npgsql = (NpgsqlTransaction)tx;
        await npgsql.SaveAsync("guard_assign", ct);
        try
        {
            await tx.Sql("""
                insert into availability.room_assignments (tenant_id, id, property_id, room_id, lock_id, stay) values ($1, $2, $3, $4, $5, daterange($6, $7))
                """).Bind(tenantId, Guid.CreateVersion7(), propertyId, roomId, lockId, arrival, departure).ExecAsync(ct);
            await npgsql.ReleaseAsync("guard_assign", ct);
            return true;
        }
        catch (PostgresException ex) when (ex.IsExclusionViolation("room_assignments_no_double_booking"))
        {
            await npgsql.RollbackAsync("guard_assign", ct);
            return false;
        }
    }
}
