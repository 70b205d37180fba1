using System.Data.Common;
using Tartware.Properties.Common;

namespace Tartware.Properties.Amenities;

/// <summary>
/// Seeds a property's catalog from <see cref="CanonicalAmenities"/>. Idempotent: inserts what is
/// missing and refreshes canonical entries that differ from the code, but never touches an entry the
/// tenant overrode or created, and never deletes anything. A second run changes no row.
/// </summary>
internal static class AmenitySeed
{
    /// <summary>Rows inserted or refreshed (0 when the catalog is already current).</summary>
    public static Task<int> SeedAsync(DbTransaction transaction, Guid tenantId, Guid propertyId, CancellationToken cancellationToken)
    {
        var all = CanonicalAmenities.All;
        return transaction.Command("""
            insert into inventory.amenity_catalog (tenant_id, property_id, code, name, category, icon, tags, source, is_default, is_required)
            select $1, $2, c.code, c.name, c.category, c.icon, string_to_array(c.tags, ','), 'CANONICAL', c.is_default, c.is_required
            from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bool[], $9::bool[])
                 as c(code, name, category, icon, tags, is_default, is_required)
            on conflict (tenant_id, property_id, code) do update
                set name = excluded.name, category = excluded.category, icon = excluded.icon, tags = excluded.tags,
                    is_default = excluded.is_default, is_required = excluded.is_required, updated_at = now()
                where amenity_catalog.source = 'CANONICAL' and not amenity_catalog.overridden
                  and (amenity_catalog.name, amenity_catalog.category, amenity_catalog.icon, amenity_catalog.tags,
                       amenity_catalog.is_default, amenity_catalog.is_required)
                      is distinct from (excluded.name, excluded.category, excluded.icon, excluded.tags, excluded.is_default, excluded.is_required)
            """).With(
                tenantId, propertyId,
                all.Select(a => a.Code).ToArray(), all.Select(a => a.Name).ToArray(), all.Select(a => a.Category).ToArray(),
                all.Select(a => a.Icon).ToArray(), all.Select(a => string.Join(',', a.Tags)).ToArray(),
                all.Select(a => a.IsDefault).ToArray(), all.Select(a => a.IsRequired).ToArray())
            .RunAsync(cancellationToken);
    }
}
