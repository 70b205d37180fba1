using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.Properties.RoomTypes;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Properties.Properties;

/// <summary><see cref="IPropertyDirectory"/> over the caller's transaction (its tenant drives RLS).</summary>
internal sealed class PropertyDirectory : IPropertyDirectory
{
    public Task<PropertyInfo?> FindPropertyAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken = default) =>
        PropertyStore.FindInfoAsync(transaction, propertyId, cancellationToken);

    public async Task<IReadOnlyList<RoomTypeInfo>> ListRoomTypesAsync(DbTransaction transaction, Guid propertyId, CancellationToken cancellationToken = default) =>
        await RoomTypeStore.InfosAsync(transaction, propertyId, cancellationToken);

    public async Task<GuestInfo?> FindGuestAsync(DbTransaction transaction, Guid guestId, CancellationToken cancellationToken = default)
    {
        var rows = await transaction.Sql("""
            select id, first_name, last_name, email, phone, blacklisted, blacklist_reason from inventory.guests where id = $1
            """).Bind(guestId).RowsAsync(r => new GuestInfo(r.GetGuid(0), r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetBoolean(5), r.IsDBNull(6) ? null : r.GetString(6)),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }
}
