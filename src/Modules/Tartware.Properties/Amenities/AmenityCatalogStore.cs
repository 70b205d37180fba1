using System.Data.Common;
using Tartware.Properties.Common;

namespace Tartware.Properties.Amenities;

/// <summary>SQL over inventory.amenity_catalog.</summary>
internal static class AmenityCatalogStore
{
    private const string Select = """
        select code, name, category, icon, tags, source, is_default, is_required, overridden, status, updated_at
        from inventory.amenity_catalog
        """;

    public static Task<List<AmenityEntry>> ListAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where property_id = $1 order by category, code").With(propertyId).ListAsync(Map, cancellationToken);

    public static Task<AmenityEntry?> FindAsync(DbTransaction transaction, Guid propertyId, string code, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where property_id = $1 and code = $2 for update").With(propertyId, code).FirstOrDefaultAsync(Map, cancellationToken);

    public static async Task<IReadOnlySet<string>> ActiveCodesAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken) =>
        (await ListAsync(transaction, propertyId, cancellationToken)).Where(e => e.Status == "ACTIVE").Select(e => e.Code).ToHashSet(StringComparer.Ordinal);

    private static AmenityEntry Map(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<string[]>(4), r.GetString(5), r.GetBoolean(6),
        r.GetBoolean(7), r.GetBoolean(8), r.GetString(9), r.GetFieldValue<DateTimeOffset>(10));
}
