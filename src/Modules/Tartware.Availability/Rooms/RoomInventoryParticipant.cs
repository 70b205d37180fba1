using System.Data.Common;
using Tartware.Availability.Guard;
using Tartware.Availability.Ledger;
using Tartware.Contracts.Properties;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Availability.Rooms;

/// <summary>
/// Capacity follows the rooms. Called by the Properties module inside the transaction that changes a
/// room: added rooms raise capacity from today on, removed or retyped rooms lower it (refused with the
/// conflicting nights while that would strand stays, unless forced), and a room taken out of order or
/// service becomes an open-ended block of one room that ends when the room is back.
/// </summary>
internal sealed class RoomInventoryParticipant(
    ScopeResolver scopes, IPropertyDirectory properties, IRoomDirectory rooms, LockWriter writer, LockReleaser releaser)
    : IRoomChangeParticipant
{
    private static readonly string[] BlockingStatuses = ["OUT_OF_ORDER", "OUT_OF_SERVICE"];

    public async Task OnRoomChangingAsync(DbTransaction transaction, RoomChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var property = await properties.FindPropertyAsync(transaction, change.PropertyId, cancellationToken)
            ?? throw new NotFoundException("property", change.PropertyId.ToString());
        var today = scopes.LocalToday(property.TimeZone);
        switch (change.Kind)
        {
            case "ADDED":
                await RecountAsync(transaction, change, change.NewRoomTypeId!.Value, today, 0, cancellationToken);
                if (IsBlocking(change.NewStatus))
                {
                    await BlockAsync(transaction, change, change.NewStatus!, today, cancellationToken);
                }

                break;
            case "REMOVED":
                await RequireNoStaysAsync(transaction, change, today, cancellationToken);
                // A removed room's dated blocks go with it: left active they would keep nights blocked that no room backs.
                await UnblockAsync(transaction, change, datedToo: true, cancellationToken);
                await RecountAsync(transaction, change, change.OldRoomTypeId!.Value, today, -1, cancellationToken);
                break;
            case "RETYPED":
                await RequireNoStaysAsync(transaction, change, today, cancellationToken);
                if (IsBlocking(change.OldStatus))
                {
                    throw new ConflictException("Bring the room back into service before changing its type.", "room-out-of-service");
                }

                await RecountAsync(transaction, change, change.OldRoomTypeId!.Value, today, -1, cancellationToken);
                await RecountAsync(transaction, change, change.NewRoomTypeId!.Value, today, +1, cancellationToken);
                break;
            case "STATUS_CHANGED" when IsBlocking(change.OldStatus) != IsBlocking(change.NewStatus) || change.OldStatus != change.NewStatus:
                if (IsBlocking(change.OldStatus))
                {
                    await UnblockAsync(transaction, change, datedToo: false, cancellationToken);
                }

                if (IsBlocking(change.NewStatus))
                {
                    await BlockAsync(transaction, change, change.NewStatus!, today, cancellationToken);
                }

                break;
        }
    }

    private static bool IsBlocking(string? status) => status is not null && BlockingStatuses.Contains(status);

    /// <summary>
    /// Sets the type's capacity to its room count after this change (<paramref name="pending"/>: +1 or -1 for
    /// a change the Properties module has not written yet). Absolute, not a delta, so a bulk insert
    /// announced room by room can never be counted twice.
    /// </summary>
    private async Task RecountAsync(DbTransaction tx, RoomChange change, Guid roomType, DateOnly today, int pending, CancellationToken ct)
    {
        await tx.Sql("insert into availability.room_type_horizons (tenant_id, property_id, room_type_id) values ($1, $2, $3) on conflict do nothing")
            .Bind(change.TenantId, change.PropertyId, roomType).ExecAsync(ct);
        var count = (await rooms.CountRoomsByTypeAsync(tx, change.PropertyId, ct)).GetValueOrDefault(roomType) + pending;
        var full = await CapacityLedger.SetAsync(tx, change.TenantId, change.PropertyId, roomType, today, Math.Max(0, count), change.Force, ct);
        if (full.Count > 0 && !change.Force)
        {
            var conflict = new ConflictException(
                $"This change would oversell {full.Count} night(s) from {full[0].Night:yyyy-MM-dd}.", "no-availability");
            conflict.Extensions["nights"] = full.Take(100).ToList();
            conflict.Extensions["reservations"] = await LockWriter.AffectedReservationsAsync(tx, change.TenantId, change.PropertyId, full, ct);
            throw conflict;
        }
    }

    private static async Task RequireNoStaysAsync(DbTransaction tx, RoomChange change, DateOnly today, CancellationToken ct)
    {
        var stays = await tx.Sql("""
            select l.idempotency_key from availability.room_assignments a
            join availability.inventory_locks l on l.tenant_id = a.tenant_id and l.id = a.lock_id
            where a.tenant_id = $1 and a.room_id = $2 and a.active and upper(a.stay) > $3 and l.kind in ('RESERVATION', 'HOLD')
            order by 1 limit 100
            """).Bind(change.TenantId, change.RoomId, today).RowsAsync(r => r.GetString(0), ct);
        if (stays.Count > 0)
        {
            var conflict = new ConflictException("The room is assigned to current or future stays; reassign them first.", "room-has-stays");
            conflict.Extensions["reservations"] = stays;
            throw conflict;
        }
    }

    private async Task BlockAsync(DbTransaction tx, RoomChange change, string kind, DateOnly today, CancellationToken ct)
    {
        var outcome = await writer.TakeAsync(tx, new LockRequest(
            change.TenantId, change.PropertyId, kind, null, change.RoomId, today, LockKinds.OpenEnd, 1, false,
            $"room-status:{change.RoomId:N}:{Guid.NewGuid():N}", "room-status", change.Reason ?? $"room {kind}", null, change.Force), ct);
        if (!outcome.Succeeded)
        {
            var conflict = new ConflictException(
                $"Taking the room out would oversell {outcome.Shortages.Count} night(s); send force with a reason to do it anyway.", "no-availability");
            conflict.Extensions["nights"] = outcome.Shortages.Take(100).ToList();
            conflict.Extensions["reservations"] = outcome.AffectedReservations;
            throw conflict;
        }
    }

    /// <summary>Ends the room's open-ended status block, if any (and its dated blocks when <paramref name="datedToo"/>); returns the last kind ended.</summary>
    private async Task<string?> UnblockAsync(DbTransaction tx, RoomChange change, bool datedToo, CancellationToken ct)
    {
        var ids = await tx.Sql("""
            select id from availability.inventory_locks
            where tenant_id = $1 and room_id = $2 and status = 'ACTIVE' and (departure = $3 or $4) and kind in ('OUT_OF_ORDER', 'OUT_OF_SERVICE', 'ROOM_BLOCK')
            order by arrival for update
            """).Bind(change.TenantId, change.RoomId, LockKinds.OpenEnd, datedToo).RowsAsync(r => r.GetGuid(0), ct);
        string? kind = null;
        foreach (var id in ids)
        {
            var record = (await Locks.LockRecord.FindAsync(tx, change.TenantId, id, false, ct))!;
            await releaser.EndAsync(tx, change.TenantId, record, "RELEASED", "RELEASED",
                record.Departure == LockKinds.OpenEnd ? "room back in service" : "room removed", "room-status", ct);
            kind = record.Kind;
        }

        return kind;
    }
}
