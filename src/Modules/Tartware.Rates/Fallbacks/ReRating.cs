using Tartware.Contracts.Properties;
using Tartware.Contracts.Rates;
using Tartware.Rates.Calendar;
using Tartware.Rates.Engine;
using Tartware.Rates.Quotes;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Rates.Fallbacks;

/// <summary>
/// Re-quotes the stay behind every recorded decision of a window (a partner fixed its mapping, a
/// revenue manager reopened a plan) and records the outcome per decision in one run. Decisions stand
/// in for reservations until the reservation issue stores those: it will select its affected stays
/// instead and apply the new totals.
/// </summary>
internal sealed class ReRating(IUnitOfWorkFactory units, IPropertyDirectory directory, QuoteEngine engine, TimeProvider time) : IRateReRating
{
    public const int MaxDecisions = 2000;

    private sealed record Recorded(Guid Id, Guid RoomTypeId, DateOnly Arrival, DateOnly Departure, int Adults, int Children, string Source,
        string? PartnerId, string RequestedCode, decimal AppliedTotal);

    public async Task<ReRateSummary> ReRateAsync(Guid tenantId, ReRateRequest request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CalendarValidation.AddRangeErrors(errors, request.From, request.To, CalendarValidation.MaxReadNights);
        if (request.PartnerId is not null)
        {
            BookingSource.AddErrors(errors, "OTA", request.PartnerId);
        }

        if (request.Reason is not null && !FallbackReasons.All.Contains(request.Reason, StringComparer.Ordinal))
        {
            errors["reason"] = [$"must be one of {string.Join(", ", FallbackReasons.All)}"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        await using var unit = await units.BeginAsync(tenantId, cancellationToken);
        await directory.RequirePropertyAsync(unit, request.PropertyId, cancellationToken);
        var decisions = await unit.Command("""
            select id, room_type_id, arrival, departure, adults, children, source, partner_id, requested_code, applied_total
            from rates.fallback_decisions
            where property_id = $1 and decided_at >= $2 and decided_at < $3 and ($4::text is null or partner_id = $4) and ($5::text is null or reason = $5)
            order by decided_at, id limit $6
            """).With(request.PropertyId, request.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                request.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), request.PartnerId, request.Reason, MaxDecisions + 1)
            .ListAsync(r => new Recorded(r.GetGuid(0), r.GetGuid(1), r.GetFieldValue<DateOnly>(2), r.GetFieldValue<DateOnly>(3), r.GetInt32(4),
                r.GetInt32(5), r.GetString(6), r.NullableString(7), r.GetString(8), r.GetDecimal(9)), cancellationToken);
        if (decisions.Count > MaxDecisions)
        {
            throw new BusinessRuleException($"More than {MaxDecisions} decisions in the window; re-rate a shorter window or one partner at a time.");
        }

        var results = new List<ReRateResult>(decisions.Count);
        foreach (var d in decisions)
        {
            results.Add(await ReQuoteAsync(unit, request.PropertyId, d, cancellationToken));
        }

        var runId = Guid.CreateVersion7(time.GetUtcNow());
        var summary = new ReRateSummary(runId, results.Count, results.Count(r => r.Outcome == "REQUESTED"), results.Count(r => r.Outcome == "FALLBACK"),
            results.Count(r => r.Outcome == "UNAVAILABLE"), results);
        await RecordAsync(unit, tenantId, request, actor, summary, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return summary;
    }

    private async Task<ReRateResult> ReQuoteAsync(IUnitOfWork unit, Guid propertyId, Recorded d, CancellationToken cancellationToken)
    {
        // A savepoint per stay: a refused quote must not poison the run's transaction.
        await unit.Transaction.SaveAsync("requote", cancellationToken);
        try
        {
            var quote = await engine.QuoteAsync(unit.Transaction, new RateQuoteRequest(propertyId, d.RoomTypeId, d.Arrival, d.Departure, d.Adults, d.Children,
                d.RequestedCode, d.Source, d.PartnerId), record: false, cancellationToken);
            await unit.Transaction.ReleaseAsync("requote", cancellationToken);
            return quote.Fallback is null
                ? new ReRateResult(d.Id, "REQUESTED", quote.AppliedRateCode, d.AppliedTotal, quote.Total, null)
                : new ReRateResult(d.Id, "FALLBACK", quote.AppliedRateCode, d.AppliedTotal, quote.Total, quote.Fallback.Detail);
        }
        catch (TartwareProblemException ex) when (ex.Status is 400 or 404 or 422)
        {
            await unit.Transaction.RollbackAsync("requote", cancellationToken);
            return new ReRateResult(d.Id, "UNAVAILABLE", null, d.AppliedTotal, null, ex.Message);
        }
    }

    private static async Task RecordAsync(IUnitOfWork unit, Guid tenantId, ReRateRequest request, string actor, ReRateSummary summary,
        CancellationToken cancellationToken)
    {
        await unit.Command("""
            insert into rates.rerate_runs (tenant_id, id, property_id, from_date, to_date, partner_id, reason, examined, now_requested, still_fallback, unavailable, actor)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """).With(tenantId, summary.RunId, request.PropertyId, request.From, request.To, request.PartnerId, request.Reason, summary.Examined,
                summary.NowRequested, summary.StillFallback, summary.Unavailable, actor).RunAsync(cancellationToken);
        if (summary.Results.Count == 0)
        {
            return;
        }

        await unit.Command("""
            insert into rates.rerate_results (tenant_id, run_id, decision_id, outcome, applied_code, previous_total, new_total, detail)
            select $1, $2, r.decision_id, r.outcome, r.applied_code, r.previous_total, r.new_total, r.detail
            from unnest($3::uuid[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::text[])
                as r (decision_id, outcome, applied_code, previous_total, new_total, detail)
            """).With(tenantId, summary.RunId, summary.Results.Select(r => r.DecisionId).ToArray(), summary.Results.Select(r => r.Outcome).ToArray(),
                summary.Results.Select(r => r.AppliedRateCode).ToArray(), summary.Results.Select(r => r.PreviousTotal).ToArray(),
                summary.Results.Select(r => r.NewTotal).ToArray(), summary.Results.Select(r => r.Detail).ToArray()).RunAsync(cancellationToken);
    }
}
