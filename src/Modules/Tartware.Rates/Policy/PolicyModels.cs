namespace Tartware.Rates.Policy;

/// <summary>
/// The fallback policy of a property (or the tenant default): may the resolver fall back to BAR/RACK,
/// and from which price delta (absolute, in the property currency, or percent of the requested
/// total) a decision escalates to the notification recipients.
/// </summary>
internal sealed record RatePolicyRequest(bool? AllowFallback, decimal? MaxPriceDelta, decimal? MaxPriceDeltaPercent, IReadOnlyList<string>? NotifyRecipients);

/// <summary>The effective policy; <c>scope</c> says where it comes from: PROPERTY, TENANT or DEFAULT (built in: allow, never escalate).</summary>
internal sealed record RatePolicyResponse(
    string Scope, Guid? PropertyId, bool AllowFallback, decimal? MaxPriceDelta, decimal? MaxPriceDeltaPercent,
    IReadOnlyList<string> NotifyRecipients, int? Version, DateTimeOffset? UpdatedAt);
