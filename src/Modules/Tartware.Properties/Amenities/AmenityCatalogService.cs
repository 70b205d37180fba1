using Microsoft.Extensions.Options;
using Tartware.Properties.Common;
using Tartware.Properties.Properties;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Properties.Amenities;

/// <summary>A property's catalog: read it, override or add entries within the guardrails, reset overrides, regenerate.</summary>
internal sealed class AmenityCatalogService(IUnitOfWorkFactory units, RequestContext caller, IOptions<AmenityGuardrailOptions> options)
{
    public async Task<AmenityCatalog> ListAsync(Guid propertyId, CancellationToken cancellationToken)
    {
        await using var unit = await BeginAsync(propertyId, cancellationToken);
        return new AmenityCatalog(propertyId, await AmenityCatalogStore.ListAsync(unit.Transaction, propertyId, cancellationToken));
    }

    /// <summary>Re-runs the seed for one property; the answer says how many rows it changed (0 when current).</summary>
    public async Task<int> RegenerateAsync(Guid propertyId, CancellationToken cancellationToken)
    {
        await using var unit = await BeginAsync(propertyId, cancellationToken);
        var changed = await AmenitySeed.SeedAsync(unit.Transaction, caller.TenantId, propertyId, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<AmenityEntry> PutAsync(Guid propertyId, string code, AmenityOverrideRequest request, CancellationToken cancellationToken)
    {
        code = code.Trim().ToUpperInvariant();
        var canonical = CanonicalAmenities.ByCode.GetValueOrDefault(code);
        await using var unit = await BeginAsync(propertyId, cancellationToken);
        var policy = (await AmenityPolicyStore.ViewAsync(unit.Transaction, propertyId, options.Value, cancellationToken)).Effective;
        var (name, tags) = AmenityGuardrails.Check(code, request, canonical?.Tags ?? [], policy);
        var existing = await AmenityCatalogStore.FindAsync(unit.Transaction, propertyId, code, cancellationToken);
        if (existing is null)
        {
            await AddCustomAsync(unit, propertyId, code, request, name, tags, canonical, policy, cancellationToken);
        }
        else
        {
            AmenityGuardrails.RequireMayDisable(existing, request.Status, policy);
            await unit.Command("""
                update inventory.amenity_catalog set name = coalesce($3, name), category = coalesce($4, category), icon = coalesce($5, icon),
                    tags = coalesce($6, tags), status = coalesce($7, status), overridden = (source = 'CANONICAL'), updated_at = now()
                where property_id = $1 and code = $2
                """).With(propertyId, code, name, request.Category, request.Icon, tags, request.Status).RunAsync(cancellationToken);
        }

        var entry = (await AmenityCatalogStore.FindAsync(unit.Transaction, propertyId, code, cancellationToken))!;
        await unit.CommitAsync(cancellationToken);
        return entry;
    }

    /// <summary>Deletes a custom entry, or resets an overridden canonical one to the canonical values.</summary>
    public async Task DeleteAsync(Guid propertyId, string code, CancellationToken cancellationToken)
    {
        code = code.Trim().ToUpperInvariant();
        await using var unit = await BeginAsync(propertyId, cancellationToken);
        var existing = await AmenityCatalogStore.FindAsync(unit.Transaction, propertyId, code, cancellationToken)
            ?? throw new NotFoundException("amenity", code);
        var policy = (await AmenityPolicyStore.ViewAsync(unit.Transaction, propertyId, options.Value, cancellationToken)).Effective;
        if (existing.Source == "CUSTOM" && policy.Requires(existing))
        {
            throw new BusinessRuleException($"{code} is required by the amenity policy and cannot be deleted.", "amenity-required");
        }

        if (existing.Source == "CUSTOM" || !CanonicalAmenities.ByCode.ContainsKey(code))
        {
            await unit.Command("delete from inventory.amenity_catalog where property_id = $1 and code = $2").With(propertyId, code).RunAsync(cancellationToken);
        }
        else if (existing.Overridden)
        {
            var canonical = CanonicalAmenities.ByCode[code];
            await unit.Command("""
                update inventory.amenity_catalog set overridden = false, status = 'ACTIVE', name = $3, category = $4, icon = $5, tags = $6,
                    updated_at = now()
                where property_id = $1 and code = $2
                """).With(propertyId, code, canonical.Name, canonical.Category, canonical.Icon, canonical.Tags).RunAsync(cancellationToken);
        }
        else
        {
            throw new BusinessRuleException($"{code} is a canonical entry: switch it off with status INACTIVE instead.", "amenity-canonical");
        }

        await unit.CommitAsync(cancellationToken);
    }

    private async Task AddCustomAsync(
        IUnitOfWork unit, Guid propertyId, string code, AmenityOverrideRequest request, string? name, string[]? tags, CanonicalAmenity? canonical,
        EffectiveAmenityPolicy policy, CancellationToken cancellationToken)
    {
        if (canonical is not null)
        {
            throw new BusinessRuleException($"{code} is canonical but missing from this catalog: regenerate the catalog first.", "amenity-canonical");
        }

        var errors = new FieldErrors();
        if (name is null)
        {
            errors.Add("name", "is required for a custom entry");
        }

        if (request.Category is null)
        {
            errors.Add("category", "is required for a custom entry");
        }

        errors.ThrowIfAny();
        await using var count = unit.Command("select count(*) from inventory.amenity_catalog where property_id = $1 and source = 'CUSTOM'").With(propertyId);
        if ((long)(await count.ExecuteScalarAsync(cancellationToken))! >= policy.MaxCustomEntries)
        {
            throw new BusinessRuleException($"This property may hold at most {policy.MaxCustomEntries} custom amenities.", "amenity-limit-reached");
        }

        await unit.Command("""
            insert into inventory.amenity_catalog (tenant_id, property_id, code, name, category, icon, tags, source, status)
            values ($1, $2, $3, $4, $5, $6, $7, 'CUSTOM', $8)
            """).With(caller.TenantId, propertyId, code, name, request.Category, request.Icon ?? "tag", tags ?? [], request.Status ?? "ACTIVE")
            .RunAsync(cancellationToken);
    }

    private async Task<IUnitOfWork> BeginAsync(Guid propertyId, CancellationToken cancellationToken)
    {
        var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        if (await PropertyStore.FindInfoAsync(unit.Transaction, propertyId, cancellationToken) is null)
        {
            await unit.DisposeAsync();
            throw new NotFoundException("property", propertyId.ToString());
        }

        return unit;
    }
}
