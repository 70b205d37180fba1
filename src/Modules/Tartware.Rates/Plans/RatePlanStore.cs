using Npgsql;
using Tartware.ServiceDefaults.Data;

namespace Tartware.Rates.Plans;

/// <summary>SQL over <c>rates.rate_plans</c> and <c>rates.plan_room_rates</c>, inside the caller's unit of work.</summary>
internal static class RatePlanStore
{
    private const string Columns = """
        id, property_id, code, name, description, type, is_system, base_plan_id, offset_kind, offset_value,
        cancellation_window_hours, cancellation_penalty, cancellation_penalty_percent, valid_from, valid_until,
        status, channels, version, created_at, updated_at
        """;

    public static async Task<RatePlanResponse?> FindAsync(IUnitOfWork unit, Guid propertyId, Guid planId, bool forUpdate, CancellationToken cancellationToken)
    {
        var rows = await unit.Command($"""
            select {Columns} from rates.rate_plans where property_id = $1 and id = $2 {(forUpdate ? "for update" : "")}
            """).With(propertyId, planId).ListAsync(Map, cancellationToken);
        return rows.Count == 0 ? null : (await WithRoomRatesAsync(unit, rows, cancellationToken))[0];
    }

    public static async Task<List<RatePlanResponse>> PageAsync(
        IUnitOfWork unit, Guid propertyId, string? status, string? type, string? after, int limit, CancellationToken cancellationToken)
    {
        var rows = await unit.Command($"""
            select {Columns} from rates.rate_plans
            where property_id = $1 and ($2::text is null or status = $2) and ($3::text is null or type = $3) and ($4::text is null or code > $4)
            order by code limit $5
            """).With(propertyId, status, type, after, limit).ListAsync(Map, cancellationToken);
        return await WithRoomRatesAsync(unit, rows, cancellationToken);
    }

    public static async Task<bool> HasDerivedPlansAsync(IUnitOfWork unit, Guid planId, CancellationToken cancellationToken) =>
        (await unit.Command("select exists (select 1 from rates.rate_plans where base_plan_id = $1)").With(planId)
            .ListAsync(r => r.GetBoolean(0), cancellationToken))[0];

    private static async Task<List<RatePlanResponse>> WithRoomRatesAsync(IUnitOfWork unit, List<RatePlanResponse> plans, CancellationToken cancellationToken)
    {
        if (plans.Count == 0)
        {
            return plans;
        }

        var rates = await unit.Command("""
            select rate_plan_id, room_type_id, amount from rates.plan_room_rates where rate_plan_id = any($1) order by rate_plan_id, room_type_id
            """).With(plans.Select(p => p.Id).ToArray()).ListAsync(r => (Plan: r.GetGuid(0), Rate: new RoomRate(r.GetGuid(1), r.GetDecimal(2))), cancellationToken);
        var byPlan = rates.ToLookup(r => r.Plan, r => r.Rate);
        return [.. plans.Select(p => p with { RoomRates = [.. byPlan[p.Id]] })];
    }

    private static RatePlanResponse Map(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.GetString(5), r.GetBoolean(6),
        r.Nullable<Guid>(7), r.NullableString(8), r.Nullable<decimal>(9),
        new CancellationPolicy(r.GetInt32(10), r.GetString(11), r.Nullable<decimal>(12)),
        r.Nullable<DateOnly>(13), r.Nullable<DateOnly>(14), r.GetString(15), r.GetFieldValue<string[]>(16), [],
        r.GetInt32(17), r.GetFieldValue<DateTimeOffset>(18), r.GetFieldValue<DateTimeOffset>(19));
}
