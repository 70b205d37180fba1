using Npgsql;
using Tartware.Contracts.Properties;
using Tartware.Properties.Common;
using Tartware.Properties.Properties;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Properties.Rooms;

/// <summary>Reading and creating rooms (one or a bulk batch, all or nothing); every new room is announced to the room-change participants.</summary>
internal sealed class RoomService(IUnitOfWorkFactory units, RequestContext caller, IEnumerable<IRoomChangeParticipant> participants, TimeProvider time)
{
    public const string NumberTaken = "room-number-taken";

    public async Task<Page<RoomResponse>> ListAsync(
        Guid propertyId, Guid? roomTypeId, string? status, int? limit, string? after, CancellationToken cancellationToken)
    {
        var take = Paging.Limit(limit);
        var errors = new FieldErrors();
        errors.OneOf("status", status, RoomRules.Statuses);
        errors.ThrowIfAny();
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        _ = await PropertyStore.FindInfoAsync(unit.Transaction, propertyId, cancellationToken) ?? throw new NotFoundException("property", propertyId.ToString());
        var rows = await RoomStore.PageAsync(unit.Transaction, propertyId, roomTypeId, status, take + 1, after, cancellationToken);
        return Paging.Of(rows, take, r => r.Number);
    }

    public async Task<RoomResponse> GetAsync(Guid propertyId, Guid id, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        return await RoomStore.FindAsync(unit.Transaction, propertyId, id, false, cancellationToken) ?? throw new NotFoundException("room", id.ToString());
    }

    public async Task<RoomResponse> CreateAsync(Guid propertyId, CreateRoomRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var room = RoomRules.Create(errors, "", request);
        errors.ThrowIfAny();
        return (await InsertAsync(propertyId, [room], cancellationToken))[0];
    }

    public async Task<BulkRoomsCreated> CreateBulkAsync(Guid propertyId, BulkCreateRoomsRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var items = request.Rooms ?? [];
        if (items.Length is 0 or > RoomRules.MaxBulk)
        {
            errors.Add("rooms", $"must hold 1 to {RoomRules.MaxBulk} rooms");
            errors.ThrowIfAny();
        }

        var rooms = items.Select((r, i) => r is null ? null : RoomRules.Create(errors, $"rooms[{i}].", r)).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rooms.Count; i++)
        {
            if (rooms[i] is null)
            {
                errors.Add($"rooms[{i}]", "is required");
            }
            else if (rooms[i]!.Number is { } number && !seen.Add(number))
            {
                errors.Add($"rooms[{i}].number", $"'{number}' appears more than once in this batch");
            }
        }

        errors.ThrowIfAny();
        var created = await InsertAsync(propertyId, rooms!, cancellationToken);
        return new BulkRoomsCreated(created.Count, created);
    }

    private async Task<IReadOnlyList<RoomResponse>> InsertAsync(Guid propertyId, IReadOnlyList<CreateRoomRequest> rooms, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        _ = await PropertyStore.FindInfoAsync(unit.Transaction, propertyId, cancellationToken) ?? throw new NotFoundException("property", propertyId.ToString());
        await RoomTypeGuard.RequireActiveAsync(unit.Transaction, propertyId, [.. rooms.Select(r => r.RoomTypeId!.Value)], cancellationToken);
        var numbers = rooms.Select(r => r.Number!).ToArray();
        var taken = await RoomStore.TakenNumbersAsync(unit.Transaction, propertyId, numbers, cancellationToken);
        if (taken.Count > 0)
        {
            throw TakenConflict(taken);
        }

        var ids = rooms.Select(_ => Guid.CreateVersion7(time.GetUtcNow())).ToArray();
        try
        {
            // One statement for the whole batch: the batch commits together or not at all.
            await unit.Command("""
                insert into inventory.rooms (tenant_id, id, property_id, room_type_id, number, floor, building, status, housekeeping_status, features)
                select $1, r.id, $2, r.room_type_id, r.number, r.floor, r.building, r.status, r.housekeeping,
                       coalesce(string_to_array(r.features, ','), '{}')
                from unnest($3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[])
                     as r(id, room_type_id, number, floor, building, status, housekeeping, features)
                """).With(caller.TenantId, propertyId, ids, rooms.Select(r => r.RoomTypeId!.Value).ToArray(), numbers,
                    rooms.Select(r => r.Floor).ToArray(), rooms.Select(r => r.Building).ToArray(), rooms.Select(r => r.Status!).ToArray(),
                    rooms.Select(r => r.HousekeepingStatus!).ToArray(), rooms.Select(r => r.Features!.Length == 0 ? null : string.Join(',', r.Features)).ToArray())
                .RunAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation("rooms_number_key"))
        {
            // A concurrent request took a number between the check above and the insert.
            throw TakenConflict(numbers);
        }

        var created = await RoomStore.ByIdsAsync(unit.Transaction, ids, cancellationToken);
        foreach (var room in created)
        {
            await RoomChanges.NotifyAsync(participants, unit.Transaction,
                new RoomChange(caller.TenantId, propertyId, room.Id, RoomChanges.Added, null, room.RoomTypeId, null, room.Status), cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        return created;
    }

    private static ConflictException TakenConflict(IReadOnlyList<string> numbers)
    {
        var conflict = new ConflictException($"Room number(s) already exist in this property: {string.Join(", ", numbers.Take(20))}.", NumberTaken);
        conflict.Extensions["numbers"] = numbers;
        return conflict;
    }
}
