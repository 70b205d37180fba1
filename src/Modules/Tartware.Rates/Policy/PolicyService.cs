using Tartware.Contracts.Properties;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Rates.Policy;

/// <summary>Reads and sets the fallback policy of a property or the tenant default.</summary>
internal sealed class PolicyService(IUnitOfWorkFactory units, RequestContext caller, IPropertyDirectory directory)
{
    public async Task<RatePolicyResponse> GetAsync(Guid? propertyId, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        if (propertyId is { } id)
        {
            await directory.RequirePropertyAsync(unit, id, cancellationToken);
        }

        return await PolicyStore.EffectiveAsync(unit.Transaction, propertyId, cancellationToken);
    }

    public async Task<RatePolicyResponse> SetAsync(Guid? propertyId, RatePolicyRequest request, int? ifMatch, CancellationToken cancellationToken)
    {
        var errors = PolicyValidation.Errors(request);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        if (propertyId is { } id)
        {
            await directory.RequirePropertyAsync(unit, id, cancellationToken);
        }

        // Lock the row (when there is one) so two editors cannot both pass the version check.
        await unit.Command("select 1 from rates.fallback_policies where property_id is not distinct from $1 for update").With(propertyId).RunAsync(cancellationToken);
        var current = await PolicyStore.EffectiveAsync(unit.Transaction, propertyId, cancellationToken);
        var ownVersion = current.Scope == (propertyId is null ? "TENANT" : "PROPERTY") ? current.Version : null;
        if (ifMatch is { } expected && expected != (ownVersion ?? 0))
        {
            throw new ConflictException($"The policy changed since you read it (version {ownVersion ?? 0}, If-Match {expected}); read it again.", RatesProblems.StaleVersion);
        }

        await PolicyStore.UpsertAsync(unit.Transaction, caller.TenantId, propertyId, request, caller.UserId.ToString(), cancellationToken);
        var updated = await PolicyStore.EffectiveAsync(unit.Transaction, propertyId, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return updated;
    }
}

/// <summary>Shape rules of a policy.</summary>
internal static class PolicyValidation
{
    public static Dictionary<string, string[]> Errors(RatePolicyRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.AllowFallback is null)
        {
            errors["allowFallback"] = ["is required"];
        }

        if (request.MaxPriceDelta is < 0m or > 10_000_000m)
        {
            errors["maxPriceDelta"] = ["must be between 0 and 10,000,000"];
        }

        if (request.MaxPriceDeltaPercent is < 0m or > 1000m)
        {
            errors["maxPriceDeltaPercent"] = ["must be between 0 and 1000"];
        }

        var recipients = request.NotifyRecipients ?? [];
        if (recipients.Count > 20 || recipients.Any(r => r is null || r.Trim().Length is < 3 or > 254 || !r.Contains('@', StringComparison.Ordinal)
            || r.Trim().Contains(' ', StringComparison.Ordinal)))
        {
            errors["notifyRecipients"] = ["at most 20 email addresses"];
        }

        return errors;
    }
}
