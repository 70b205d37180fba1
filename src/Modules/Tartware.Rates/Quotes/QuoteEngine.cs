using System.Data.Common;
using Tartware.Contracts.Properties;
using Tartware.Contracts.Rates;
using Tartware.Rates.Engine;
using Tartware.Rates.Policy;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Rates.Quotes;

/// <summary>
/// The <see cref="IRateQuoting"/> façade and the quote endpoint's engine: validates, loads the facts
/// of the requested plan, BAR and RACK, resolves with the property's policy and, when asked to,
/// records the fallback decision in the caller's transaction.
/// </summary>
internal sealed class QuoteEngine(IPropertyDirectory directory, TimeProvider time) : IRateQuoting
{
    public Task<RateQuote> QuoteAsync(DbTransaction transaction, RateQuoteRequest request, CancellationToken cancellationToken = default) =>
        QuoteAsync(transaction, request, record: true, cancellationToken);

    public async Task<RateQuote> QuoteAsync(DbTransaction transaction, RateQuoteRequest request, bool record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(request);
        var errors = QuoteValidation.Errors(request);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var property = await directory.FindPropertyAsync(transaction, request.PropertyId, cancellationToken)
            ?? throw new NotFoundException("property", request.PropertyId.ToString());
        var roomType = (await directory.ListRoomTypesAsync(transaction, property.Id, cancellationToken)).FirstOrDefault(t => t.Id == request.RoomTypeId)
            ?? throw new NotFoundException("room type", request.RoomTypeId.ToString());
        if (roomType.Status != "ACTIVE")
        {
            throw new BusinessRuleException($"{roomType.Code} is {roomType.Status}: it is not sold.", RatesProblems.RoomTypeInactive);
        }

        if (request.Adults > roomType.MaxAdults || request.Children > roomType.MaxChildren)
        {
            throw new BusinessRuleException(
                $"{roomType.Code} takes at most {roomType.MaxAdults} adults and {roomType.MaxChildren} children.", RatesProblems.OccupancyExceeded);
        }

        var stay = new Stay(request.Arrival, request.Departure);
        var source = request.Source ?? BookingSource.Direct;
        var requestedCode = request.RateCode ?? FallbackResolver.Bar;
        var facts = await PlanFactsLoader.LoadAsync(transaction, property.Id, roomType.Id, stay.Arrival, stay.Departure,
            [requestedCode, FallbackResolver.Bar, FallbackResolver.Rack], cancellationToken);
        var policy = (await PolicyStore.EffectiveAsync(transaction, property.Id, cancellationToken)).ToPolicy();
        var (resolution, refusal) = FallbackResolver.Resolve(requestedCode, code => facts.GetValueOrDefault(code), stay, source, policy);
        if (refusal is not null)
        {
            var problem = new BusinessRuleException(refusal.Detail, refusal.Code);
            problem.Extensions["reasons"] = refusal.Reasons;
            throw problem;
        }

        var applied = resolution!;
        var total = applied.Check.Total!.Value;
        RateFallbackDecision? decision = null;
        if (applied.Fallback is { } fallback)
        {
            var recipients = fallback.Escalated ? policy.NotifyRecipients : [];
            Guid? id = record ? Guid.CreateVersion7(time.GetUtcNow()) : null;
            decision = new RateFallbackDecision(id, fallback.RequestedCode, fallback.AppliedCode, fallback.Reason, fallback.Detail,
                fallback.RequestedTotal, fallback.PriceDelta, fallback.Escalated, recipients);
            if (record)
            {
                await FallbackAudit.RecordAsync(transaction, property, request, source, decision, total, cancellationToken);
            }
        }

        var cancellation = (await transaction.Sql("""
            select cancellation_window_hours, cancellation_penalty, cancellation_penalty_percent from rates.rate_plans where id = $1
            """).Bind(applied.Applied.Id).RowsAsync(r => new CancellationPolicy(r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetDecimal(2)),
            cancellationToken)).SingleOrDefault();
        return new RateQuote(property.Id, roomType.Id, property.Currency, applied.Applied.Code, applied.Applied.Id,
            [.. applied.Check.Nights!.Select(n => new RateQuoteNight(n.Night, n.Amount, n.Source))], total, FallbackReasons.Checks, decision, cancellation);
    }
}
