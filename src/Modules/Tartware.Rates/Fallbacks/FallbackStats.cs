using Tartware.Contracts.Properties;
using Tartware.Rates.Calendar;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Rates.Fallbacks;

/// <summary>How many decisions of a reason.</summary>
internal sealed record ReasonCount(string Reason, int Count);

/// <summary>A partner whose requests fell back most.</summary>
internal sealed record PartnerCount(string PartnerId, int Count, int Escalations);

/// <summary>A decision over the policy's maximum delta.</summary>
internal sealed record EscalationItem(Guid DecisionId, DateTimeOffset DecidedAt, string RequestedRateCode, string AppliedRateCode, string Reason,
    decimal? PriceDelta, string? PartnerId);

/// <summary>Fallback decisions of a property between two UTC dates (inclusive).</summary>
internal sealed record FallbackStatsResponse(DateOnly From, DateOnly To, int Total, int Escalations, IReadOnlyList<ReasonCount> ByReason,
    IReadOnlyList<PartnerCount> TopPartners, IReadOnlyList<EscalationItem> LatestEscalations);

/// <summary>Counts by reason, top offending partners and escalations over <c>rates.fallback_decisions</c>.</summary>
internal sealed class FallbackStats(IUnitOfWorkFactory units, RequestContext caller, IPropertyDirectory directory)
{
    public async Task<FallbackStatsResponse> ReadAsync(Guid propertyId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CalendarValidation.AddRangeErrors(errors, from, to, CalendarValidation.MaxReadNights);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        await directory.RequirePropertyAsync(unit, propertyId, cancellationToken);
        var window = new object?[] { propertyId, from!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) };
        const string Where = "property_id = $1 and decided_at >= $2 and decided_at < $3";
        var byReason = await unit.Command($"select reason, count(*)::int from rates.fallback_decisions where {Where} group by reason order by 2 desc, 1")
            .With(window).ListAsync(r => new ReasonCount(r.GetString(0), r.GetInt32(1)), cancellationToken);
        var partners = await unit.Command($"""
            select partner_id, count(*)::int, count(*) filter (where escalated)::int from rates.fallback_decisions
            where {Where} and partner_id is not null group by partner_id order by 2 desc, 1 limit 10
            """).With(window).ListAsync(r => new PartnerCount(r.GetString(0), r.GetInt32(1), r.GetInt32(2)), cancellationToken);
        var escalations = await unit.Command($"""
            select id, decided_at, requested_code, applied_code, reason, price_delta, partner_id from rates.fallback_decisions
            where {Where} and escalated order by decided_at desc, id desc limit 20
            """).With(window).ListAsync(r => new EscalationItem(r.GetGuid(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3),
                r.GetString(4), r.Nullable<decimal>(5), r.NullableString(6)), cancellationToken);
        var escalated = (await unit.Command($"select count(*)::int from rates.fallback_decisions where {Where} and escalated")
            .With(window).ListAsync(r => r.GetInt32(0), cancellationToken))[0];
        return new FallbackStatsResponse(from.Value, to.Value, byReason.Sum(r => r.Count), escalated, byReason, partners, escalations);
    }
}
