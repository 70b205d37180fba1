using Tartware.Contracts.Properties;
using Tartware.Rates.Plans;
using Tartware.Rates.Quotes;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Rates.Calendar;

/// <summary>Bulk price and restriction fills and the calendar read of one plan.</summary>
internal sealed class CalendarService(IUnitOfWorkFactory units, RequestContext caller, IPropertyDirectory directory)
{
    public async Task<FillResult> FillPricesAsync(Guid propertyId, Guid planId, PriceFillRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CalendarValidation.AddPriceErrors(errors, request);
        ThrowIfAny(errors);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var (plan, roomTypes) = await TargetAsync(unit, propertyId, planId, request.RoomTypeIds, cancellationToken);
        if (plan.BasePlanId is not null)
        {
            throw new BusinessRuleException($"{plan.Code} is derived: its prices follow its base plan; change the base plan or the offset.",
                RatesProblems.DerivedPlanPrice);
        }

        var rows = await unit.Command("""
            insert into rates.rate_calendar (tenant_id, rate_plan_id, room_type_id, night, amount)
            select $1, $2, rt, d::date, $6
            from unnest($3::uuid[]) rt, generate_series($4::date, $5::date, interval '1 day') d
            where cardinality($7::int[]) = 0 or extract(isodow from d)::int = any($7)
            on conflict (tenant_id, rate_plan_id, room_type_id, night) do update set amount = excluded.amount, updated_at = now()
            """).With(caller.TenantId, planId, roomTypes, request.From!.Value, request.To!.Value, request.Amount!.Value,
                CalendarValidation.IsoWeekdays(request.Weekdays)!).RunAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return new FillResult(roomTypes.Length == 0 ? 0 : rows / roomTypes.Length, roomTypes.Length, rows);
    }

    public async Task<FillResult> FillRestrictionsAsync(Guid propertyId, Guid planId, RestrictionFillRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CalendarValidation.AddRestrictionErrors(errors, request);
        ThrowIfAny(errors);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var (_, roomTypes) = await TargetAsync(unit, propertyId, planId, request.RoomTypeIds, cancellationToken);
        var weekdays = CalendarValidation.IsoWeekdays(request.Weekdays)!;
        var nights = Enumerable.Range(0, request.To!.Value.DayNumber - request.From!.Value.DayNumber + 1)
            .Select(request.From.Value.AddDays).Count(d => weekdays.Length == 0 || weekdays.Contains(((int)d.DayOfWeek + 6) % 7 + 1));
        if (CalendarValidation.Clears(request))
        {
            await unit.Command("""
                delete from rates.rate_restrictions
                where rate_plan_id = $1 and room_type_id = any($2) and night between $3 and $4
                  and (cardinality($5::int[]) = 0 or extract(isodow from night)::int = any($5))
                """).With(planId, roomTypes, request.From.Value, request.To.Value, weekdays).RunAsync(cancellationToken);
        }
        else
        {
            await unit.Command("""
                insert into rates.rate_restrictions (tenant_id, rate_plan_id, room_type_id, night, closed, closed_to_arrival, closed_to_departure, min_los, max_los)
                select $1, $2, rt, d::date, $6, $7, $8, $9, $10
                from unnest($3::uuid[]) rt, generate_series($4::date, $5::date, interval '1 day') d
                where cardinality($11::int[]) = 0 or extract(isodow from d)::int = any($11)
                on conflict (tenant_id, rate_plan_id, room_type_id, night) do update set closed = excluded.closed,
                    closed_to_arrival = excluded.closed_to_arrival, closed_to_departure = excluded.closed_to_departure,
                    min_los = excluded.min_los, max_los = excluded.max_los, updated_at = now()
                """).With(caller.TenantId, planId, roomTypes, request.From.Value, request.To.Value, request.Closed ?? false,
                    request.ClosedToArrival ?? false, request.ClosedToDeparture ?? false, request.MinLos, request.MaxLos, weekdays)
                .RunAsync(cancellationToken);
        }

        await unit.CommitAsync(cancellationToken);
        return new FillResult(nights, roomTypes.Length, nights * roomTypes.Length);
    }

    public async Task<CalendarResponse> ReadAsync(Guid propertyId, Guid planId, Guid? roomTypeId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CalendarValidation.AddRangeErrors(errors, from, to, CalendarValidation.MaxReadNights);
        if (roomTypeId is null)
        {
            errors["roomTypeId"] = ["is required"];
        }

        ThrowIfAny(errors);
        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var property = await directory.RequirePropertyAsync(unit, propertyId, cancellationToken);
        var plan = await RatePlanStore.FindAsync(unit, propertyId, planId, false, cancellationToken) ?? throw new NotFoundException("rate plan", planId.ToString());
        await directory.RequireRoomTypeAsync(unit, propertyId, roomTypeId!.Value, cancellationToken);
        var facts = (await PlanFactsLoader.LoadAsync(unit.Transaction, propertyId, roomTypeId.Value, from!.Value, to!.Value.AddDays(1), [plan.Code], cancellationToken))[plan.Code];
        var nights = Enumerable.Range(0, to.Value.DayNumber - from.Value.DayNumber + 1).Select(from.Value.AddDays).Select(night =>
        {
            var price = facts.Prices.GetValueOrDefault(night);
            var r = facts.RestrictionOn(night);
            return new CalendarNight(night, price?.Amount, price?.Source, r.Closed, r.ClosedToArrival, r.ClosedToDeparture, r.MinLos, r.MaxLos);
        }).ToList();
        return new CalendarResponse(plan.Id, plan.Code, roomTypeId.Value, property.Currency, nights);
    }

    private async Task<(RatePlanResponse Plan, Guid[] RoomTypes)> TargetAsync(
        IUnitOfWork unit, Guid propertyId, Guid planId, IReadOnlyList<Guid>? requested, CancellationToken cancellationToken)
    {
        await directory.RequirePropertyAsync(unit, propertyId, cancellationToken);
        var plan = await RatePlanStore.FindAsync(unit, propertyId, planId, false, cancellationToken) ?? throw new NotFoundException("rate plan", planId.ToString());
        var known = (await directory.ListRoomTypesAsync(unit.Transaction, propertyId, cancellationToken)).Select(t => t.Id).ToHashSet();
        if (requested is null || requested.Count == 0)
        {
            return (plan, [.. known]);
        }

        var unknown = requested.Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new BusinessRuleException($"Not room types of this property: {string.Join(", ", unknown)}.");
        }

        return (plan, [.. requested.Distinct()]);
    }

    private static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
