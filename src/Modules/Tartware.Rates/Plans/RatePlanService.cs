using Npgsql;
using Tartware.Contracts.Properties;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Rates.Plans;

/// <summary>Rate plan CRUD inside the caller's tenant. BAR and RACK exist with every property and cannot be removed.</summary>
internal sealed class RatePlanService(IUnitOfWorkFactory units, RequestContext caller, IPropertyDirectory directory, TimeProvider time)
{
    public async Task<RatePlanPage> ListAsync(Guid propertyId, string? status, string? type, int limit, string? after, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RatePlanValidation.AddListErrors(errors, status, type, limit);
        ThrowIfAny(errors);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        await directory.RequirePropertyAsync(unit, propertyId, cancellationToken);
        var items = await RatePlanStore.PageAsync(unit, propertyId, status, type, after, limit + 1, cancellationToken);
        var page = items.Take(limit).ToList();
        return new RatePlanPage(page, items.Count > limit ? page[^1].Code : null);
    }

    public async Task<RatePlanResponse> GetAsync(Guid propertyId, Guid planId, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        await directory.RequirePropertyAsync(unit, propertyId, cancellationToken);
        return await RatePlanStore.FindAsync(unit, propertyId, planId, false, cancellationToken) ?? throw new NotFoundException("rate plan", planId.ToString());
    }

    public async Task<RatePlanResponse> CreateAsync(Guid propertyId, CreateRatePlanRequest request, CancellationToken cancellationToken)
    {
        var code = RatePlanValidation.NormalizeCode(request.Code);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RatePlanValidation.AddCreateErrors(errors, request, code);
        ThrowIfAny(errors);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        await directory.RequirePropertyAsync(unit, propertyId, cancellationToken);
        if (request.BasePlanId is { } baseId)
        {
            var basePlan = await RatePlanStore.FindAsync(unit, propertyId, baseId, false, cancellationToken)
                ?? throw new BusinessRuleException($"The base plan '{baseId}' is not a plan of this property.");
            if (basePlan.BasePlanId is not null)
            {
                throw new BusinessRuleException($"{basePlan.Code} is itself derived; derive from a plan with its own prices.");
            }
        }

        var id = Guid.CreateVersion7(time.GetUtcNow());
        var cancellation = RatePlanValidation.Cancellation(request.Cancellation);
        try
        {
            await unit.Command("""
                insert into rates.rate_plans (tenant_id, id, property_id, code, name, description, type, base_plan_id, offset_kind, offset_value,
                    cancellation_window_hours, cancellation_penalty, cancellation_penalty_percent, valid_from, valid_until, status, channels)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                """).With(caller.TenantId, id, propertyId, code, request.Name!.Trim(), request.Description, request.Type, request.BasePlanId,
                    request.OffsetKind, request.OffsetValue, cancellation.WindowHours, cancellation.Penalty, cancellation.PenaltyPercent,
                    request.ValidFrom, request.ValidUntil, request.Status ?? "ACTIVE", (request.Channels ?? []).ToArray())
                .RunAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation("rate_plans_code_key"))
        {
            throw new ConflictException($"This property already has a rate plan {code}.", RatesProblems.RatePlanExists);
        }

        var created = (await RatePlanStore.FindAsync(unit, propertyId, id, false, cancellationToken))!;
        await unit.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<RatePlanResponse> UpdateAsync(Guid propertyId, Guid planId, UpdateRatePlanRequest request, int? ifMatch, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        await directory.RequirePropertyAsync(unit, propertyId, cancellationToken);
        var plan = await RatePlanStore.FindAsync(unit, propertyId, planId, true, cancellationToken) ?? throw new NotFoundException("rate plan", planId.ToString());
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RatePlanValidation.AddUpdateErrors(errors, request, plan.BasePlanId is not null);
        ThrowIfAny(errors);
        EnsureVersion(plan, ifMatch);
        if (plan.IsSystem && request.Status is "INACTIVE")
        {
            throw new BusinessRuleException($"{plan.Code} is the fallback of every other plan and stays ACTIVE.", RatesProblems.RatePlanProtected);
        }

        var cancellation = RatePlanValidation.Cancellation(request.Cancellation);
        await unit.Command("""
            update rates.rate_plans set name = $3, description = $4, offset_kind = $5, offset_value = $6, cancellation_window_hours = $7,
                cancellation_penalty = $8, cancellation_penalty_percent = $9, valid_from = $10, valid_until = $11, status = $12, channels = $13,
                updated_at = now(), version = version + 1
            where property_id = $1 and id = $2
            """).With(propertyId, planId, request.Name!.Trim(), request.Description, request.OffsetKind, request.OffsetValue,
                cancellation.WindowHours, cancellation.Penalty, cancellation.PenaltyPercent, request.ValidFrom, request.ValidUntil,
                request.Status ?? "ACTIVE", (request.Channels ?? []).ToArray())
            .RunAsync(cancellationToken);
        var updated = (await RatePlanStore.FindAsync(unit, propertyId, planId, false, cancellationToken))!;
        await unit.CommitAsync(cancellationToken);
        return updated;
    }

    public async Task DeleteAsync(Guid propertyId, Guid planId, int? ifMatch, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        await directory.RequirePropertyAsync(unit, propertyId, cancellationToken);
        var plan = await RatePlanStore.FindAsync(unit, propertyId, planId, true, cancellationToken) ?? throw new NotFoundException("rate plan", planId.ToString());
        EnsureVersion(plan, ifMatch);
        if (plan.IsSystem)
        {
            throw new ConflictException($"{plan.Code} is the fallback of every other plan: every property always has BAR and RACK.", RatesProblems.RatePlanProtected);
        }

        if (await RatePlanStore.HasDerivedPlansAsync(unit, planId, cancellationToken))
        {
            throw new ConflictException($"Other plans derive their prices from {plan.Code}; delete or re-base them first.", RatesProblems.RatePlanInUse);
        }

        await unit.Command("delete from rates.rate_plans where property_id = $1 and id = $2").With(propertyId, planId).RunAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    private static void EnsureVersion(RatePlanResponse plan, int? ifMatch)
    {
        if (ifMatch is { } expected && expected != plan.Version)
        {
            throw new ConflictException($"The plan changed since you read it (version {plan.Version}, If-Match {expected}); read it again.", RatesProblems.StaleVersion);
        }
    }

    private static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
