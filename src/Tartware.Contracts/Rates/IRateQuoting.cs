using System.Data.Common;

namespace Tartware.Contracts.Rates;

/// <summary>
/// Prices a stay with the BAR/RACK fallback of plan 0.7 (module Rates, schema <c>rates</c>). The
/// reservation pipeline calls it inside the transaction of its own write: when a fallback is made the
/// decision is stored in that same transaction (it commits or rolls back with the reservation) and is
/// returned so the pipeline attaches it to its event. The transaction must carry the tenant
/// (<c>app.tenant_id</c>). Refusals are thrown as the platform's problem exceptions: 404 (unknown
/// property or room type), 400 (bad stay or partner fields), 422 (nothing sellable, fallback denied
/// by policy: <c>rate-unavailable</c>, <c>rate-fallback-denied</c>).
/// </summary>
public interface IRateQuoting
{
    /// <summary>Resolves the plan, prices every night and records the fallback decision if one was made.</summary>
    Task<RateQuote> QuoteAsync(DbTransaction transaction, RateQuoteRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A stay to price.</summary>
/// <param name="PropertyId">Property.</param>
/// <param name="RoomTypeId">Room type.</param>
/// <param name="Arrival">First night (property-local date).</param>
/// <param name="Departure">Departure date (not a night of the stay).</param>
/// <param name="Adults">Adults, at least 1.</param>
/// <param name="Children">Children.</param>
/// <param name="RateCode">Requested plan code; null means BAR.</param>
/// <param name="Source">Booking source (DIRECT, FRONT_DESK, WEBSITE, CALL_CENTER, OTA, GDS, WHOLESALE); null means DIRECT.</param>
/// <param name="PartnerId">The channel partner, required for OTA, GDS and WHOLESALE and refused otherwise.</param>
/// <param name="Actor">Who asks (a user id or a service name), for the audit row.</param>
/// <param name="CorrelationId">The caller's correlation id, for the audit row.</param>
public sealed record RateQuoteRequest(
    Guid PropertyId, Guid RoomTypeId, DateOnly Arrival, DateOnly Departure, int Adults, int Children,
    string? RateCode = null, string? Source = null, string? PartnerId = null, string? Actor = null, string? CorrelationId = null);

/// <summary>The priced stay.</summary>
/// <param name="PropertyId">Property.</param>
/// <param name="RoomTypeId">Room type.</param>
/// <param name="Currency">ISO 4217 currency of every amount.</param>
/// <param name="AppliedRateCode">The plan that prices the stay.</param>
/// <param name="AppliedRatePlanId">Its id.</param>
/// <param name="Nights">One entry per night.</param>
/// <param name="Total">Sum of the nights.</param>
/// <param name="RestrictionsChecked">What was checked for the applied plan (CLOSED, CLOSED_TO_ARRIVAL, ...).</param>
/// <param name="Fallback">The fallback decision, or null when the requested plan sold the stay.</param>
/// <param name="Cancellation">The applied plan's cancellation policy, for the reservation's snapshot (null in previews).</param>
public sealed record RateQuote(
    Guid PropertyId, Guid RoomTypeId, string Currency, string AppliedRateCode, Guid AppliedRatePlanId,
    IReadOnlyList<RateQuoteNight> Nights, decimal Total, IReadOnlyList<string> RestrictionsChecked, RateFallbackDecision? Fallback,
    CancellationPolicy? Cancellation = null);

/// <summary>A plan's cancellation terms as they were when the stay was priced.</summary>
/// <param name="WindowHours">Free cancellation until this many hours before arrival.</param>
/// <param name="Penalty">NONE, FIRST_NIGHT, PERCENT or FULL_STAY after the window.</param>
/// <param name="PenaltyPercent">The percentage for PERCENT.</param>
public sealed record CancellationPolicy(int WindowHours, string Penalty, decimal? PenaltyPercent);

/// <summary>One night's price.</summary>
/// <param name="Night">The night.</param>
/// <param name="Amount">Price.</param>
/// <param name="Source">CALENDAR (a price set for the night), DEFAULT (the plan's room-type rate) or DERIVED (from the base plan).</param>
public sealed record RateQuoteNight(DateOnly Night, decimal Amount, string Source);

/// <summary>A fallback the resolver made, as stored in <c>rates.fallback_decisions</c>.</summary>
/// <param name="Id">Decision id (null in a preview that was not recorded).</param>
/// <param name="RequestedRateCode">What was asked for.</param>
/// <param name="AppliedRateCode">What sells the stay (BAR or RACK).</param>
/// <param name="Reason">Why the requested plan could not (PLAN_NOT_FOUND, PLAN_INACTIVE, OUTSIDE_VALIDITY, CHANNEL_NOT_ALLOWED, CLOSED, CLOSED_TO_ARRIVAL, CLOSED_TO_DEPARTURE, MIN_LOS, MAX_LOS, NO_PRICE).</param>
/// <param name="Detail">Human-readable detail (which night, which limit).</param>
/// <param name="RequestedTotal">What the requested plan would have cost, when it could be priced.</param>
/// <param name="PriceDelta">Applied total minus requested total, when both are known.</param>
/// <param name="Escalated">The delta exceeds the policy's maximum: the recipients are to be notified.</param>
/// <param name="NotifyRecipients">The policy's notification recipients when escalated.</param>
public sealed record RateFallbackDecision(
    Guid? Id, string RequestedRateCode, string AppliedRateCode, string Reason, string Detail,
    decimal? RequestedTotal, decimal? PriceDelta, bool Escalated, IReadOnlyList<string> NotifyRecipients);
