namespace Tartware.Rates.Engine;

/// <summary>The outcome of resolving a stay: the plan that sells it and, when it is not the requested one, the decision.</summary>
internal sealed record Resolution(PlanFacts Applied, SellCheck Check, ResolvedFallback? Fallback);

/// <summary>A fallback made by the resolver (before it is stored).</summary>
internal sealed record ResolvedFallback(
    string RequestedCode, string AppliedCode, string Reason, string Detail, decimal? RequestedTotal, decimal? PriceDelta, bool Escalated);

/// <summary>Nothing can sell the stay, or policy forbids the fallback: the caller answers 422 with these reasons.</summary>
internal sealed record Refusal(string Code, string Detail, IReadOnlyDictionary<string, string> Reasons);

/// <summary>
/// Plan 0.7: the requested plan if it sells the stay; otherwise BAR if BAR sells it; otherwise RACK.
/// A policy that denies fallback refuses instead, with the requested plan's reason.
/// </summary>
internal static class FallbackResolver
{
    public const string Bar = "BAR";
    public const string Rack = "RACK";
    public const string Unavailable = "rate-unavailable";
    public const string Denied = "rate-fallback-denied";

    public static (Resolution? Resolution, Refusal? Refusal) Resolve(
        string requestedCode, Func<string, PlanFacts?> plans, Stay stay, string source, FallbackPolicy policy)
    {
        var requested = plans(requestedCode);
        var requestedCheck = requested is null
            ? SellCheck.Refused(FallbackReasons.PlanNotFound, $"No rate plan {requestedCode} at this property.", null)
            : Sellability.Check(requested, stay, source);
        if (requestedCheck.Sellable)
        {
            return (new Resolution(requested!, requestedCheck, null), null);
        }

        var reasons = new Dictionary<string, string>(StringComparer.Ordinal) { [requestedCode] = requestedCheck.Reason! };
        if (!policy.AllowFallback)
        {
            return (null, new Refusal(Denied,
                $"{requestedCheck.Detail} The property's policy does not allow falling back to BAR or RACK ({requestedCheck.Reason}).", reasons));
        }

        foreach (var code in new[] { Bar, Rack }.Where(c => c != requestedCode))
        {
            var candidate = plans(code);
            var check = candidate is null
                ? SellCheck.Refused(FallbackReasons.PlanNotFound, $"No rate plan {code} at this property.", null)
                : Sellability.Check(candidate, stay, source);
            if (check.Sellable)
            {
                var delta = requestedCheck.Total is { } requestedTotal ? check.Total - requestedTotal : null;
                var fallback = new ResolvedFallback(requestedCode, code, requestedCheck.Reason!, requestedCheck.Detail!,
                    requestedCheck.Total, delta, policy.Escalates(delta, requestedCheck.Total));
                return (new Resolution(candidate!, check, fallback), null);
            }

            reasons[code] = check.Reason!;
        }

        return (null, new Refusal(Unavailable,
            $"No rate sells this stay: {string.Join(", ", reasons.Select(r => $"{r.Key} {r.Value}"))}.", reasons));
    }
}
