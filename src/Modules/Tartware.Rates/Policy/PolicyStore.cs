using System.Data.Common;
using Tartware.Rates.Engine;

namespace Tartware.Rates.Policy;

/// <summary>SQL over <c>rates.fallback_policies</c>: the property's row, else the tenant's, else the built-in default.</summary>
internal static class PolicyStore
{
    public static async Task<RatePolicyResponse> EffectiveAsync(DbTransaction transaction, Guid? propertyId, CancellationToken cancellationToken)
    {
        var rows = await transaction.Command("""
            select property_id, allow_fallback, max_price_delta, max_price_delta_percent, notify_recipients, version, updated_at
            from rates.fallback_policies
            where property_id = $1 or property_id is null
            order by property_id nulls last limit 1
            """).With(propertyId).ListAsync(r => new RatePolicyResponse(
                r.IsDBNull(0) ? "TENANT" : "PROPERTY", r.Nullable<Guid>(0), r.GetBoolean(1), r.Nullable<decimal>(2), r.Nullable<decimal>(3),
                r.GetFieldValue<string[]>(4), r.GetInt32(5), r.GetFieldValue<DateTimeOffset>(6)), cancellationToken);
        var d = FallbackPolicy.Default;
        return rows.Count > 0
            ? rows[0] with { PropertyId = propertyId }
            : new RatePolicyResponse("DEFAULT", propertyId, d.AllowFallback, d.MaxPriceDelta, d.MaxPriceDeltaPercent, d.NotifyRecipients, null, null);
    }

    public static FallbackPolicy ToPolicy(this RatePolicyResponse response) =>
        new(response.AllowFallback, response.MaxPriceDelta, response.MaxPriceDeltaPercent, response.NotifyRecipients);

    public static async Task UpsertAsync(DbTransaction transaction, Guid tenantId, Guid? propertyId, RatePolicyRequest request, string actor,
        CancellationToken cancellationToken)
    {
        var target = propertyId is null ? "(tenant_id) where property_id is null" : "(tenant_id, property_id) where property_id is not null";
        await transaction.Command($"""
            insert into rates.fallback_policies (tenant_id, property_id, allow_fallback, max_price_delta, max_price_delta_percent, notify_recipients, updated_by)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict {target} do update set allow_fallback = excluded.allow_fallback, max_price_delta = excluded.max_price_delta,
                max_price_delta_percent = excluded.max_price_delta_percent, notify_recipients = excluded.notify_recipients,
                updated_by = excluded.updated_by, updated_at = now(), version = fallback_policies.version + 1
            """).With(tenantId, propertyId, request.AllowFallback!.Value, request.MaxPriceDelta, request.MaxPriceDeltaPercent,
                (request.NotifyRecipients ?? []).Select(r => r.Trim()).ToArray(), actor).RunAsync(cancellationToken);
    }
}
