using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.Properties.Common;

namespace Tartware.Properties.Rooms;

/// <summary><see cref="IRoomDirectory"/> over the caller's transaction (its tenant drives RLS): Availability counts capacity and picks rooms from it.</summary>
internal sealed class RoomDirectory : IRoomDirectory
{
    private const string Select = "select id, property_id, room_type_id, number, status, housekeeping_status from inventory.rooms";

    public async Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(DbTransaction transaction, Guid propertyId, Guid? roomTypeId, CancellationToken cancellationToken = default) =>
        await transaction.Command(Select + " where property_id = $1 and ($2::uuid is null or room_type_id = $2) order by number")
            .With(propertyId, roomTypeId).ListAsync(Map, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, int>> CountRoomsByTypeAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken = default) =>
        (await transaction.Command("select room_type_id, count(*)::int from inventory.rooms where property_id = $1 group by room_type_id")
            .With(propertyId).ListAsync(r => (Type: r.GetGuid(0), Count: r.GetInt32(1)), cancellationToken)).ToDictionary(c => c.Type, c => c.Count);

    public Task<RoomInfo?> FindRoomAsync(DbTransaction transaction, Guid roomId, CancellationToken cancellationToken = default) =>
        transaction.Command(Select + " where id = $1").With(roomId).FirstOrDefaultAsync(Map, cancellationToken);

    private static RoomInfo Map(DbDataReader r) => new(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5));
}
