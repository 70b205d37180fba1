using System.Data.Common;
using Tartware.Rates.Engine;

namespace Tartware.Rates.Quotes;

/// <summary>
/// Reads what the resolver needs about some plans of a property for one room type and a date range:
/// nightly prices (calendar, else the plan's room-type default; derived plans from their base plan's
/// price plus the offset) and the restrictions of every date from the first night to the departure date.
/// </summary>
internal static class PlanFactsLoader
{
    private sealed record PlanRow(Guid Id, string Code, string Status, DateOnly? ValidFrom, DateOnly? ValidUntil, string[] Channels,
        Guid? BasePlanId, string? OffsetKind, decimal? OffsetValue);

    /// <summary>Facts by code for the plans named in <paramref name="codes"/> that exist; nights are [from, until), restrictions [from, until].</summary>
    public static async Task<Dictionary<string, PlanFacts>> LoadAsync(
        DbTransaction transaction, Guid propertyId, Guid roomTypeId, DateOnly from, DateOnly until, IReadOnlyCollection<string> codes,
        CancellationToken cancellationToken)
    {
        var plans = await transaction.Command("""
            select id, code, status, valid_from, valid_until, channels, base_plan_id, offset_kind, offset_value
            from rates.rate_plans where property_id = $1 and code = any($2)
            """).With(propertyId, codes.ToArray()).ListAsync(MapPlan, cancellationToken);
        if (plans.Count == 0)
        {
            return new Dictionary<string, PlanFacts>(StringComparer.Ordinal);
        }

        var priced = plans.Select(p => p.BasePlanId ?? p.Id).Concat(plans.Select(p => p.Id)).Distinct().ToArray();
        var calendar = (await transaction.Command("""
            select rate_plan_id, night, amount from rates.rate_calendar
            where rate_plan_id = any($1) and room_type_id = $2 and night >= $3 and night < $4
            """).With(priced, roomTypeId, from, until).ListAsync(r => (Plan: r.GetGuid(0), Night: r.GetFieldValue<DateOnly>(1), Amount: r.GetDecimal(2)), cancellationToken))
            .ToDictionary(r => (r.Plan, r.Night), r => r.Amount);
        var defaults = (await transaction.Command("""
            select rate_plan_id, amount from rates.plan_room_rates where rate_plan_id = any($1) and room_type_id = $2
            """).With(priced, roomTypeId).ListAsync(r => (Plan: r.GetGuid(0), Amount: r.GetDecimal(1)), cancellationToken))
            .ToDictionary(r => r.Plan, r => r.Amount);
        var restrictions = (await transaction.Command("""
            select rate_plan_id, night, closed, closed_to_arrival, closed_to_departure, min_los, max_los from rates.rate_restrictions
            where rate_plan_id = any($1) and room_type_id = $2 and night >= $3 and night <= $4
            """).With(plans.Select(p => p.Id).ToArray(), roomTypeId, from, until).ListAsync(r => (Plan: r.GetGuid(0), Night: r.GetFieldValue<DateOnly>(1),
                Restriction: new NightRestriction(r.GetBoolean(2), r.GetBoolean(3), r.GetBoolean(4), r.Nullable<int>(5), r.Nullable<int>(6))), cancellationToken))
            .ToLookup(r => r.Plan);

        var facts = new Dictionary<string, PlanFacts>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            var prices = new Dictionary<DateOnly, NightPrice>();
            for (var night = from; night < until; night = night.AddDays(1))
            {
                if (Own(plan.BasePlanId ?? plan.Id, night, calendar, defaults) is { } price)
                {
                    prices[night] = plan.BasePlanId is null
                        ? price
                        : new NightPrice(DerivedPricing.Apply(price.Amount, plan.OffsetKind!, plan.OffsetValue!.Value), "DERIVED");
                }
            }

            facts[plan.Code] = new PlanFacts(plan.Id, plan.Code, plan.Status, plan.ValidFrom, plan.ValidUntil, plan.Channels, prices,
                restrictions[plan.Id].ToDictionary(r => r.Night, r => r.Restriction));
        }

        return facts;
    }

    private static NightPrice? Own(Guid planId, DateOnly night, Dictionary<(Guid, DateOnly), decimal> calendar, Dictionary<Guid, decimal> defaults) =>
        calendar.TryGetValue((planId, night), out var amount) ? new NightPrice(amount, "CALENDAR")
        : defaults.TryGetValue(planId, out var fallback) ? new NightPrice(fallback, "DEFAULT")
        : null;

    private static PlanRow MapPlan(Npgsql.NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.Nullable<DateOnly>(3), r.Nullable<DateOnly>(4), r.GetFieldValue<string[]>(5),
        r.Nullable<Guid>(6), r.NullableString(7), r.Nullable<decimal>(8));
}
