using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Availability.Guard;

/// <summary>The property, its local date, the room types a lock touches and their capacity (rooms per type).</summary>
internal sealed record StayScope(PropertyInfo Property, DateOnly Today, Guid[] RoomTypeIds, IReadOnlyDictionary<Guid, int> Capacity, RoomInfo? Room);

/// <summary>Resolves a lock's scope through the Properties façades, inside the caller's transaction.</summary>
internal sealed class ScopeResolver(IPropertyDirectory properties, IRoomDirectory rooms, TimeProvider time)
{
    public async Task<StayScope> ResolveAsync(DbTransaction tx, Guid propertyId, Guid? roomTypeId, Guid? roomId, CancellationToken ct)
    {
        var property = await properties.FindPropertyAsync(tx, propertyId, ct) ?? throw new NotFoundException("property", propertyId.ToString());
        RoomInfo? room = null;
        if (roomId is { } id)
        {
            room = await rooms.FindRoomAsync(tx, id, ct);
            if (room is null || room.PropertyId != propertyId)
            {
                throw new NotFoundException("room", id.ToString());
            }

            roomTypeId = room.RoomTypeId;
        }

        var types = await properties.ListRoomTypesAsync(tx, propertyId, ct);
        Guid[] scope;
        if (roomTypeId is { } typeId)
        {
            if (types.All(t => t.Id != typeId))
            {
                throw new BusinessRuleException("The room type does not exist in this property.", "unknown-room-type");
            }

            scope = [typeId];
        }
        else
        {
            scope = [.. types.Select(t => t.Id).Order()];
        }

        // Counted in SQL: every claim needs it, and listing the property's rooms read hundreds of rows per claim (docs/benchmarks.md).
        var counts = await rooms.CountRoomsByTypeAsync(tx, propertyId, ct);
        var capacity = scope.ToDictionary(t => t, t => counts.GetValueOrDefault(t));
        return new StayScope(property, LocalToday(property.TimeZone), scope, capacity, room);
    }

    public DateOnly LocalToday(string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
    }
}
