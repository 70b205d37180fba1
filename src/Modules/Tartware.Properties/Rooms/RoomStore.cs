using System.Data.Common;
using Tartware.Properties.Common;

namespace Tartware.Properties.Rooms;

/// <summary>SQL over inventory.rooms.</summary>
internal static class RoomStore
{
    private const string Select = """
        select id, property_id, room_type_id, number, floor, building, status, housekeeping_status, features, version, created_at, updated_at
        from inventory.rooms
        """;

    public static Task<RoomResponse?> FindAsync(DbTransaction transaction, Guid propertyId, Guid id, bool forUpdate, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where property_id = $1 and id = $2" + (forUpdate ? " for update" : "")).With(propertyId, id)
            .FirstOrDefaultAsync(Map, cancellationToken);

    public static Task<List<RoomResponse>> PageAsync(
        DbTransaction transaction, Guid propertyId, Guid? roomTypeId, string? status, int limit, string? after, CancellationToken cancellationToken) =>
        transaction.Command(Select + """
             where property_id = $1 and ($2::uuid is null or room_type_id = $2) and ($3::text is null or status = $3)
               and ($4::text is null or number > $4)
             order by number limit $5
            """).With(propertyId, roomTypeId, status, after, limit).ListAsync(Map, cancellationToken);

    public static Task<List<RoomResponse>> ByIdsAsync(DbTransaction transaction, Guid[] ids, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where id = any($1) order by number").With(ids).ListAsync(Map, cancellationToken);

    public static Task<List<string>> TakenNumbersAsync(DbTransaction transaction, Guid propertyId, string[] numbers, CancellationToken cancellationToken) =>
        transaction.Command("select number from inventory.rooms where property_id = $1 and number = any($2) order by number")
            .With(propertyId, numbers).ListAsync(r => r.GetString(0), cancellationToken);

    public static Task<List<(Guid Id, string Status)>> RoomTypesAsync(DbTransaction transaction, Guid propertyId, Guid[] ids, CancellationToken cancellationToken) =>
        transaction.Command("select id, status from inventory.room_types where property_id = $1 and id = any($2)")
            .With(propertyId, ids).ListAsync(r => (r.GetGuid(0), r.GetString(1)), cancellationToken);

    private static RoomResponse Map(DbDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.Opt<int>(4), r.OptString(5), r.GetString(6), r.GetString(7),
        r.GetFieldValue<string[]>(8), r.GetInt32(9), r.GetFieldValue<DateTimeOffset>(10), r.GetFieldValue<DateTimeOffset>(11));
}
