namespace Tartware.Rates.Engine;

/// <summary>
/// A property's (or the tenant's default) fallback policy. A delta beyond either maximum (absolute
/// amount in the property currency, or percent of the requested total) escalates the decision; it
/// does not refuse the stay.
/// </summary>
internal sealed record FallbackPolicy(bool AllowFallback, decimal? MaxPriceDelta, decimal? MaxPriceDeltaPercent, IReadOnlyList<string> NotifyRecipients)
{
    /// <summary>Built-in default when neither the property nor the tenant set one: fall back, never escalate.</summary>
    public static FallbackPolicy Default { get; } = new(true, null, null, []);

    /// <summary>Whether the delta (either direction: an undercut loses revenue as an overcharge loses guests) is beyond a maximum.</summary>
    public bool Escalates(decimal? delta, decimal? requestedTotal)
    {
        if (delta is not { } d)
        {
            return false;
        }

        var size = Math.Abs(d);
        if (MaxPriceDelta is { } max && size > max)
        {
            return true;
        }

        return MaxPriceDeltaPercent is { } percent && requestedTotal is > 0m && size * 100m / requestedTotal.Value > percent;
    }
}
