namespace Tartware.Rates.Engine;

/// <summary>
/// What the resolver knows about one plan for one room type and stay: its state, window, channels,
/// the price of each night (already derived for derived plans) and the restrictions of the stay's
/// dates including the departure date.
/// </summary>
internal sealed record PlanFacts(
    Guid Id,
    string Code,
    string Status,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    IReadOnlyList<string> Channels,
    IReadOnlyDictionary<DateOnly, NightPrice> Prices,
    IReadOnlyDictionary<DateOnly, NightRestriction> Restrictions)
{
    public NightRestriction RestrictionOn(DateOnly date) => Restrictions.TryGetValue(date, out var r) ? r : NightRestriction.None;
}

/// <summary>How a plan's price follows its base plan.</summary>
internal static class DerivedPricing
{
    public const string Absolute = "ABSOLUTE";
    public const string Percent = "PERCENT";

    /// <summary>Base price plus the offset, rounded to cents (away from zero, as hotels quote), never below zero.</summary>
    public static decimal Apply(decimal basePrice, string kind, decimal offset)
    {
        var price = kind switch
        {
            Absolute => basePrice + offset,
            Percent => basePrice * (1m + (offset / 100m)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "ABSOLUTE or PERCENT"),
        };
        return Math.Max(0m, Math.Round(price, 2, MidpointRounding.AwayFromZero));
    }
}
