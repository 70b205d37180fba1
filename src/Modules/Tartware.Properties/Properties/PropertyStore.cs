using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.Properties.Common;

namespace Tartware.Properties.Properties;

/// <summary>SQL over inventory.properties. RLS limits every query to the unit's tenant.</summary>
internal static class PropertyStore
{
    private const string Select = """
        select id, code, name, time_zone, currency, address::text, check_in_time, check_out_time, status, version, created_at, updated_at, tenant_id
        from inventory.properties
        """;

    public static Task<PropertyResponse?> FindAsync(DbTransaction transaction, Guid id, bool forUpdate, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where id = $1" + (forUpdate ? " for update" : "")).With(id).FirstOrDefaultAsync(Map, cancellationToken);

    public static Task<List<PropertyResponse>> PageAsync(DbTransaction transaction, int limit, string? after, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where ($1::text is null or code > $1) order by code limit $2").With(after, limit).ListAsync(Map, cancellationToken);

    public static Task<PropertyInfo?> FindInfoAsync(DbTransaction transaction, Guid id, CancellationToken cancellationToken) =>
        transaction.Command(Select + " where id = $1").With(id).FirstOrDefaultAsync(MapInfo, cancellationToken);

    public static Task<List<PropertyInfo>> AllInfoAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Command(Select + " order by code").ListAsync(MapInfo, cancellationToken);

    public static PropertyInfo ToInfo(Guid tenantId, PropertyResponse p) => new(tenantId, p.Id, p.Code, p.Name, p.TimeZone, p.Currency, p.Status);

    private static PropertyResponse Map(DbDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Address.FromJson(r.OptString(5)),
        r.GetFieldValue<TimeOnly>(6).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        r.GetFieldValue<TimeOnly>(7).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        r.GetString(8), r.GetInt32(9), r.GetFieldValue<DateTimeOffset>(10), r.GetFieldValue<DateTimeOffset>(11));

    private static PropertyInfo MapInfo(DbDataReader r) => new(r.GetGuid(12), r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(8));
}
