using System.Globalization;
using Tartware.Contracts.Rates;
using Tartware.Contracts.Reservations;
using Tartware.Contracts.Reservations.V1;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Reservations.Commands;

/// <summary>
/// <see cref="IReservationReRating"/>: per affected reservation, one transaction that re-quotes the stay with the
/// plan originally requested (the rates module records a new decision if it still falls back) and accepts a
/// MODIFY command with the new priced stay. A reservation whose quote is unchanged gets no command, so running
/// the same re-rate twice changes nothing the second time.
/// </summary>
internal sealed class ReservationReRating(IUnitOfWorkFactory units, IRateQuoting rates, CommandWriter writer, TimeProvider time) : IReservationReRating
{
    public async Task<ReservationsReRated> ReRateAsync(Guid tenantId, ReRateSummary summary, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var decisions = summary.Results.Select(r => r.DecisionId.ToString()).ToArray();
        List<Guid> affected;
        await using (var scan = await units.BeginAsync(tenantId, cancellationToken))
        {
            affected = await scan.Sql("""
                select id from reservations.reservations where status = 'CONFIRMED' and fallback->>'decisionId' = any($1) order by id
                """).Bind((object)decisions).RowsAsync(r => r.GetGuid(0), cancellationToken);
        }

        var changed = new List<ReRatedReservation>();
        var unchanged = 0;
        var unavailable = 0;
        foreach (var id in affected)
        {
            await using var unit = await units.BeginAsync(tenantId, cancellationToken);
            var current = await ReservationRecord.FindAsync(unit.Transaction, id, false, cancellationToken);
            if (current is null || current.Status != ReservationStatus.Confirmed)
            {
                continue;
            }

            var stay = current.Stay;
            RateQuote quote;
            try
            {
                quote = await rates.QuoteAsync(unit.Transaction, new RateQuoteRequest(current.PropertyId, Guid.Parse(stay.RoomTypeId), Date(stay.Arrival),
                    Date(stay.Departure), stay.Adults, stay.Children, ReservationRecord.Empty(stay.RequestedRateCode), current.Source, current.PartnerId, actor), cancellationToken);
            }
            catch (BusinessRuleException)
            {
                unavailable++;
                continue;
            }

            var total = ReservationRecord.Money(quote.Total);
            if (quote.AppliedRateCode == stay.RateCode && total == stay.Total)
            {
                unchanged++;
                continue;
            }

            // The stay as it is, priced again; the original request (plan code, cancellation snapshot) stays as it was sold.
            var priced = Api.ReservationCommands.Priced(quote, Guid.Parse(stay.RoomTypeId), Date(stay.Arrival), Date(stay.Departure), stay.Adults, stay.Children,
                ReservationRecord.Empty(stay.RequestedRateCode));
            priced.Cancellation = stay.Cancellation;
            var command = new ReservationCommand
            {
                CommandId = Guid.CreateVersion7(time.GetUtcNow()).ToString(),
                ReservationId = id.ToString(),
                Modify = new ModifyReservation { Stay = priced },
            };
            var accepted = await writer.AcceptAsync(unit.Transaction, tenantId, command, actor, $"rerate:{summary.RunId}", cancellationToken);
            await unit.CommitAsync(cancellationToken);
            changed.Add(new ReRatedReservation(id, accepted.CommandId, stay.RateCode, quote.AppliedRateCode,
                decimal.Parse(stay.Total, CultureInfo.InvariantCulture), quote.Total));
        }

        return new ReservationsReRated(affected.Count, changed.Count, unchanged, unavailable, changed);
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
