using System.Data.Common;
using Tartware.Properties.Common;

namespace Tartware.Properties.Amenities;

/// <summary>PUT /v1/amenity-policy (tenant-wide) or .../amenities/policy (one property). Absent limits inherit.</summary>
internal sealed record AmenityPolicyRequest(int? MaxCustomEntries, int? MaxCustomTags, string[]? RequiredCodes);

/// <summary>A stored policy of one scope (tenant or property).</summary>
internal sealed record AmenityPolicy(int? MaxCustomEntries, int? MaxCustomTags, string[] RequiredCodes);

/// <summary>What applies to a property: its policy over the tenant's over the deployment's limits; required codes add up.</summary>
internal sealed record EffectiveAmenityPolicy(int MaxCustomEntries, int MaxCustomTags, IReadOnlyList<string> RequiredCodes)
{
    public bool Requires(AmenityEntry entry) => entry.IsRequired || RequiredCodes.Contains(entry.Code, StringComparer.Ordinal);
}

/// <summary>A property's effective policy with the two stored layers it came from.</summary>
internal sealed record AmenityPolicyView(EffectiveAmenityPolicy Effective, AmenityPolicy? Tenant, AmenityPolicy? Property);

/// <summary>SQL over inventory.amenity_policies.</summary>
internal static class AmenityPolicyStore
{
    public static Task<AmenityPolicy?> FindAsync(DbTransaction transaction, Guid? propertyId, CancellationToken cancellationToken) =>
        transaction.Command("""
            select max_custom_entries, max_custom_tags, required_codes from inventory.amenity_policies
            where property_id is not distinct from $1
            """).With(propertyId).FirstOrDefaultAsync(r => new AmenityPolicy(r.Opt<int>(0), r.Opt<int>(1), r.GetFieldValue<string[]>(2)), cancellationToken);

    public static Task<int> SaveAsync(DbTransaction transaction, Guid tenantId, Guid? propertyId, AmenityPolicy policy, CancellationToken cancellationToken) =>
        transaction.Command("""
            insert into inventory.amenity_policies (tenant_id, property_id, max_custom_entries, max_custom_tags, required_codes)
            values ($1, $2, $3, $4, $5)
            on conflict (tenant_id, coalesce(property_id, '00000000-0000-0000-0000-000000000000'::uuid)) do update
                set max_custom_entries = excluded.max_custom_entries, max_custom_tags = excluded.max_custom_tags,
                    required_codes = excluded.required_codes, updated_at = now()
            """).With(tenantId, propertyId, policy.MaxCustomEntries, policy.MaxCustomTags, policy.RequiredCodes).RunAsync(cancellationToken);

    public static async Task<AmenityPolicyView> ViewAsync(DbTransaction transaction, Guid propertyId, AmenityGuardrailOptions options, CancellationToken cancellationToken)
    {
        var tenant = await FindAsync(transaction, null, cancellationToken);
        var property = await FindAsync(transaction, propertyId, cancellationToken);
        var effective = new EffectiveAmenityPolicy(
            Math.Min(property?.MaxCustomEntries ?? tenant?.MaxCustomEntries ?? options.MaxCustomEntries, options.MaxCustomEntries),
            Math.Min(property?.MaxCustomTags ?? tenant?.MaxCustomTags ?? options.MaxCustomTags, options.MaxCustomTags),
            [.. (tenant?.RequiredCodes ?? []).Concat(property?.RequiredCodes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
        return new AmenityPolicyView(effective, tenant, property);
    }
}
