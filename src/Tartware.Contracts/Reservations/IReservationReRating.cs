using Tartware.Contracts.Rates;

namespace Tartware.Contracts.Reservations;

/// <summary>
/// The reservation half of a re-rate (<c>tartware rates rerate</c>): every CONFIRMED reservation priced by one of
/// the re-rated fallback decisions is quoted again and, when the price or plan changed, gets a MODIFY command
/// carrying the new priced stay — through the pipeline, like any change, so it is audited, ordered and applied once.
/// </summary>
public interface IReservationReRating
{
    /// <summary>Issues the MODIFY commands for <paramref name="summary"/>'s decisions in <paramref name="tenantId"/>.</summary>
    Task<ReservationsReRated> ReRateAsync(Guid tenantId, ReRateSummary summary, string actor, CancellationToken cancellationToken = default);
}

/// <summary>What the re-rate did to reservations.</summary>
/// <param name="Examined">Confirmed reservations priced by one of the decisions.</param>
/// <param name="Modified">MODIFY commands accepted (new plan or total).</param>
/// <param name="Unchanged">Reservations the new quote left as they were.</param>
/// <param name="Unavailable">Reservations nothing sells any more (left as they were, for a person to decide).</param>
/// <param name="Commands">The accepted commands (reservation id, command id).</param>
public sealed record ReservationsReRated(int Examined, int Modified, int Unchanged, int Unavailable, IReadOnlyList<ReRatedReservation> Commands);

/// <summary>One reservation a re-rate changed.</summary>
/// <param name="ReservationId">Reservation.</param>
/// <param name="CommandId">Its MODIFY command (follow it at <c>/v1/reservations/{id}/lifecycle</c>).</param>
/// <param name="PreviousRateCode">Plan before.</param>
/// <param name="RateCode">Plan now.</param>
/// <param name="PreviousTotal">Total before.</param>
/// <param name="Total">Total now.</param>
public sealed record ReRatedReservation(Guid ReservationId, Guid CommandId, string PreviousRateCode, string RateCode, decimal PreviousTotal, decimal Total);
