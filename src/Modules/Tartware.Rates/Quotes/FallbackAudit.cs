using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.Contracts.Rates;

namespace Tartware.Rates.Quotes;

/// <summary>Writes a fallback decision to <c>rates.fallback_decisions</c> in the caller's transaction (it commits with the caller's write or not at all).</summary>
internal static class FallbackAudit
{
    public static Task RecordAsync(DbTransaction transaction, PropertyInfo property, RateQuoteRequest request, string source,
        RateFallbackDecision decision, decimal appliedTotal, CancellationToken cancellationToken) =>
        transaction.Command("""
            insert into rates.fallback_decisions (tenant_id, id, property_id, room_type_id, arrival, departure, adults, children, source, partner_id,
                requested_code, applied_code, reason, detail, currency, requested_total, applied_total, price_delta, escalated, notify_recipients,
                actor, correlation_id)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
            """).With(property.TenantId, decision.Id, property.Id, request.RoomTypeId, request.Arrival, request.Departure, request.Adults,
                request.Children, source, request.PartnerId, decision.RequestedRateCode, decision.AppliedRateCode, decision.Reason, decision.Detail,
                property.Currency, decision.RequestedTotal, appliedTotal, decision.PriceDelta, decision.Escalated, decision.NotifyRecipients.ToArray(),
                Truncate(request.Actor, 200), Truncate(request.CorrelationId, 128))
            .RunAsync(cancellationToken);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
