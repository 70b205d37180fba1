using Npgsql;
using Tartware.Contracts.Properties;
using Tartware.Properties.Common;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Properties.Rooms;

/// <summary>
/// Edits, retypes, status changes and removals of rooms. Retype, removal and a status change are
/// put to every <see cref="IRoomChangeParticipant"/> inside the same transaction, so Availability can
/// refuse one that would break future reservations (its 409 reaches the client unchanged).
/// </summary>
internal sealed class RoomChangeService(IUnitOfWorkFactory units, RequestContext caller, IEnumerable<IRoomChangeParticipant> participants)
{
    public async Task<RoomResponse> UpdateAsync(Guid propertyId, Guid id, UpdateRoomRequest request, int? expectedVersion, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var number = RoomRules.Number(errors, "number", request.Number, false);
        errors.Range("floor", request.Floor, -10, 300);
        var building = errors.Text("building", request.Building, 50, false);
        var features = RoomRules.Features(errors, "features", request.Features);
        errors.ThrowIfAny();

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var room = await LockAsync(unit, propertyId, id, expectedVersion, cancellationToken);
        if (request.RoomTypeId is { } newType && newType != room.RoomTypeId)
        {
            await RoomTypeGuard.RequireActiveAsync(unit.Transaction, propertyId, [newType], cancellationToken);
            await RoomChanges.NotifyAsync(participants, unit.Transaction,
                new RoomChange(caller.TenantId, propertyId, id, RoomChanges.Retyped, room.RoomTypeId, newType, room.Status, room.Status), cancellationToken);
        }

        try
        {
            await unit.Command("""
                update inventory.rooms set number = coalesce($2, number), floor = coalesce($3, floor), building = coalesce($4, building),
                    room_type_id = coalesce($5, room_type_id), features = coalesce($6, features), updated_at = now(), version = version + 1
                where id = $1
                """).With(id, number, request.Floor, building, request.RoomTypeId, features).RunAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation("rooms_number_key"))
        {
            throw new ConflictException($"Room number '{number}' already exists in this property.", RoomService.NumberTaken);
        }

        return await FinishAsync(unit, propertyId, id, cancellationToken);
    }

    public async Task<RoomResponse> SetStatusAsync(Guid propertyId, Guid id, RoomStatusRequest request, int? expectedVersion, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.OneOf("status", request.Status, RoomRules.Statuses);
        errors.OneOf("housekeepingStatus", request.HousekeepingStatus, RoomRules.HousekeepingStatuses);
        if (request.Status is null && request.HousekeepingStatus is null)
        {
            errors.Add("status", "send status, housekeepingStatus or both");
        }

        var reason = errors.Text("reason", request.Reason, 500, false);
        if (request.Force == true && reason is null)
        {
            errors.Add("reason", "is required when force is true");
        }

        errors.ThrowIfAny();
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var room = await LockAsync(unit, propertyId, id, expectedVersion, cancellationToken);
        if (request.HousekeepingStatus is { } housekeeping && !RoomRules.HousekeepingAllows(room.HousekeepingStatus, housekeeping))
        {
            var refused = new ConflictException($"A {room.HousekeepingStatus} room cannot become {housekeeping}; it must be CLEAN first.", "invalid-transition");
            refused.Extensions["housekeepingStatus"] = room.HousekeepingStatus;
            throw refused;
        }

        if (request.Status is { } status && status != room.Status)
        {
            await RoomChanges.NotifyAsync(participants, unit.Transaction,
                new RoomChange(caller.TenantId, propertyId, id, RoomChanges.StatusChanged, room.RoomTypeId, room.RoomTypeId, room.Status, status,
                    request.Force ?? false, reason), cancellationToken);
        }

        await unit.Command("""
            update inventory.rooms set status = coalesce($2, status), housekeeping_status = coalesce($3, housekeeping_status),
                updated_at = now(), version = version + 1
            where id = $1
            """).With(id, request.Status, request.HousekeepingStatus).RunAsync(cancellationToken);
        return await FinishAsync(unit, propertyId, id, cancellationToken);
    }

    public async Task DeleteAsync(Guid propertyId, Guid id, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var room = await LockAsync(unit, propertyId, id, expectedVersion, cancellationToken);
        await RoomChanges.NotifyAsync(participants, unit.Transaction,
            new RoomChange(caller.TenantId, propertyId, id, RoomChanges.Removed, room.RoomTypeId, null, room.Status, null), cancellationToken);
        await unit.Command("delete from inventory.rooms where id = $1").With(id).RunAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    private static async Task<RoomResponse> LockAsync(IUnitOfWork unit, Guid propertyId, Guid id, int? expectedVersion, CancellationToken cancellationToken)
    {
        var room = await RoomStore.FindAsync(unit.Transaction, propertyId, id, true, cancellationToken) ?? throw new NotFoundException("room", id.ToString());
        Versioning.Check(expectedVersion, room.Version, "room");
        return room;
    }

    private static async Task<RoomResponse> FinishAsync(IUnitOfWork unit, Guid propertyId, Guid id, CancellationToken cancellationToken)
    {
        var updated = (await RoomStore.FindAsync(unit.Transaction, propertyId, id, false, cancellationToken))!;
        await unit.CommitAsync(cancellationToken);
        return updated;
    }
}
