using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.Properties.Common;

namespace Tartware.Properties.RoomTypes;

/// <summary>SQL over inventory.room_types and their amenities.</summary>
internal static class RoomTypeStore
{
    private const string Select = """
        select t.id, t.property_id, t.code, t.name, t.description, t.base_occupancy, t.max_adults, t.max_children, t.bed_type,
               t.size_sqm, t.base_rate,
               coalesce((select array_agg(a.code order by a.code) from inventory.room_type_amenities a where a.room_type_id = t.id), '{}'),
               t.sort_order, t.status, t.version, t.created_at, t.updated_at
        from inventory.room_types t
        """;

    public static Task<RoomTypeResponse?> FindAsync(DbTransaction transaction, Guid propertyId, Guid id, bool forUpdate, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where t.property_id = $1 and t.id = $2" + (forUpdate ? " for update of t" : ""))
            .With(propertyId, id).FirstOrDefaultAsync(Map, cancellationToken);

    public static Task<List<RoomTypeResponse>> PageAsync(DbTransaction transaction, Guid propertyId, int limit, string? after, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where t.property_id = $1 and ($2::text is null or t.code > $2) order by t.code limit $3")
            .With(propertyId, after, limit).ListAsync(Map, cancellationToken);

    public static Task<List<RoomTypeResponse>> AllAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where t.property_id = $1 order by t.sort_order, t.code").With(propertyId).ListAsync(Map, cancellationToken);

    public static async Task<IReadOnlyList<RoomTypeInfo>> InfosAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken) =>
        [.. (await AllAsync(transaction, propertyId, cancellationToken)).Select(ToInfo)];

    public static RoomTypeInfo ToInfo(RoomTypeResponse t) =>
        new(t.Id, t.PropertyId, t.Code, t.Name, t.BaseRate, t.BaseOccupancy, t.MaxAdults, t.MaxChildren, t.Status);

    /// <summary>Replaces the room type's amenities with <paramref name="codes"/> (catalog codes, already resolved).</summary>
    public static async Task ReplaceAmenitiesAsync(DbTransaction transaction, Guid tenantId, Guid roomTypeId, IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        await transaction.Command("delete from inventory.room_type_amenities where room_type_id = $1").With(roomTypeId).RunAsync(cancellationToken);
        await transaction.Command("""
            insert into inventory.room_type_amenities (tenant_id, room_type_id, code, source)
            select $1, $2, unnest($3::text[]), 'MANUAL'
            """).With(tenantId, roomTypeId, codes.ToArray()).RunAsync(cancellationToken);
    }

    /// <summary>A new version for room types whose amenities changed outside a PATCH (clone, reconcile), so their ETag moves too.</summary>
    public static Task<int> TouchAsync(DbTransaction transaction, Guid[] roomTypeIds, CancellationToken cancellationToken) =>
        transaction.Command("update inventory.room_types set version = version + 1, updated_at = now() where id = any($1)")
            .With(roomTypeIds).RunAsync(cancellationToken);

    private static RoomTypeResponse Map(DbDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.OptString(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetString(8),
        r.Opt<decimal>(9), r.GetDecimal(10), r.GetFieldValue<string[]>(11), r.GetInt32(12), r.GetString(13), r.GetInt32(14),
        r.GetFieldValue<DateTimeOffset>(15), r.GetFieldValue<DateTimeOffset>(16));
}
