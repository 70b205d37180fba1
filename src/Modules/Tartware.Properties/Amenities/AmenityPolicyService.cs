using Microsoft.Extensions.Options;
using Tartware.Properties.Common;
using Tartware.Properties.Properties;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Properties.Amenities;

/// <summary>
/// Guardrails a tenant sets for its catalogs, tenant-wide or per property: how many custom entries,
/// how many custom tags per entry (never above the deployment's limits) and which entries are
/// required (they cannot be switched off or deleted).
/// </summary>
internal sealed class AmenityPolicyService(IUnitOfWorkFactory units, RequestContext caller, IOptions<AmenityGuardrailOptions> options)
{
    public async Task<AmenityPolicy> GetTenantAsync(CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        return await AmenityPolicyStore.FindAsync(unit.Transaction, null, cancellationToken) ?? new AmenityPolicy(null, null, []);
    }

    public async Task<AmenityPolicy> PutTenantAsync(AmenityPolicyRequest request, CancellationToken cancellationToken)
    {
        var policy = Validate(request);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        await AmenityPolicyStore.SaveAsync(unit.Transaction, caller.TenantId, null, policy, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return policy;
    }

    public async Task<AmenityPolicyView> GetPropertyAsync(Guid propertyId, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        _ = await PropertyStore.FindInfoAsync(unit.Transaction, propertyId, cancellationToken) ?? throw new NotFoundException("property", propertyId.ToString());
        return await AmenityPolicyStore.ViewAsync(unit.Transaction, propertyId, options.Value, cancellationToken);
    }

    public async Task<AmenityPolicyView> PutPropertyAsync(Guid propertyId, AmenityPolicyRequest request, CancellationToken cancellationToken)
    {
        var policy = Validate(request);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        _ = await PropertyStore.FindInfoAsync(unit.Transaction, propertyId, cancellationToken) ?? throw new NotFoundException("property", propertyId.ToString());
        var active = await AmenityCatalogStore.ActiveCodesAsync(unit.Transaction, propertyId, cancellationToken);
        var missing = policy.RequiredCodes.Where(c => !active.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            var problem = new BusinessRuleException("Required amenities must be active entries of the property's catalog.", "amenity-required-missing");
            problem.Extensions["codes"] = missing;
            throw problem;
        }

        await AmenityPolicyStore.SaveAsync(unit.Transaction, caller.TenantId, propertyId, policy, cancellationToken);
        var view = await AmenityPolicyStore.ViewAsync(unit.Transaction, propertyId, options.Value, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return view;
    }

    private AmenityPolicy Validate(AmenityPolicyRequest request)
    {
        var errors = new FieldErrors();
        errors.Range("maxCustomEntries", request.MaxCustomEntries, 0, options.Value.MaxCustomEntries);
        errors.Range("maxCustomTags", request.MaxCustomTags, 0, options.Value.MaxCustomTags);
        var codes = request.RequiredCodes?.Select(c => c?.Trim().ToUpperInvariant() ?? "").Distinct(StringComparer.Ordinal).ToArray() ?? [];
        if (codes.Length > 50)
        {
            errors.Add("requiredCodes", "at most 50 codes");
        }

        for (var i = 0; i < Math.Min(codes.Length, 50); i++)
        {
            errors.Pattern($"requiredCodes[{i}]", codes[i], AmenityGuardrails.CodePattern(), "must be a catalog code (upper-case letters, digits, '_')");
        }

        errors.ThrowIfAny();
        return new AmenityPolicy(request.MaxCustomEntries, request.MaxCustomTags, codes);
    }
}
