namespace Tartware.Contracts.Rates;

/// <summary>
/// Re-rates the stays behind recorded fallback decisions once a partner fixed its data: each decision
/// in the window is quoted again and the outcome recorded. Used by <c>tartware rates rerate</c>; the
/// reservation issue will point it at stored reservations instead of decisions.
/// </summary>
public interface IRateReRating
{
    /// <summary>Runs one re-rate in <paramref name="tenantId"/> and returns its summary.</summary>
    Task<ReRateSummary> ReRateAsync(Guid tenantId, ReRateRequest request, string actor, CancellationToken cancellationToken = default);
}

/// <summary>Which decisions to re-rate: decided between <paramref name="From"/> and <paramref name="To"/> (inclusive, UTC dates).</summary>
/// <param name="PropertyId">Property.</param>
/// <param name="From">First decision date.</param>
/// <param name="To">Last decision date.</param>
/// <param name="PartnerId">Only this partner's decisions.</param>
/// <param name="Reason">Only decisions with this reason.</param>
public sealed record ReRateRequest(Guid PropertyId, DateOnly From, DateOnly To, string? PartnerId = null, string? Reason = null);

/// <summary>What a re-rate did.</summary>
/// <param name="RunId">Run id (its results are in <c>rates.rerate_results</c>).</param>
/// <param name="Examined">Decisions looked at.</param>
/// <param name="NowRequested">Stays the requested plan now sells.</param>
/// <param name="StillFallback">Stays that still fall back.</param>
/// <param name="Unavailable">Stays nothing sells any more.</param>
/// <param name="Results">One entry per decision.</param>
public sealed record ReRateSummary(Guid RunId, int Examined, int NowRequested, int StillFallback, int Unavailable, IReadOnlyList<ReRateResult> Results);

/// <summary>One re-rated stay.</summary>
/// <param name="DecisionId">The recorded decision.</param>
/// <param name="Outcome">REQUESTED (the requested plan now sells it), FALLBACK (still falls back) or UNAVAILABLE.</param>
/// <param name="AppliedRateCode">The plan that sells it now (null when unavailable).</param>
/// <param name="PreviousTotal">The total at decision time.</param>
/// <param name="NewTotal">The total now (null when unavailable).</param>
/// <param name="Detail">Why, when it still falls back or is unavailable.</param>
public sealed record ReRateResult(Guid DecisionId, string Outcome, string? AppliedRateCode, decimal? PreviousTotal, decimal? NewTotal, string? Detail);
