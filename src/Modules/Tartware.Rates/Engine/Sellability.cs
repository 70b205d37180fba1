using System.Globalization;

namespace Tartware.Rates.Engine;

/// <summary>Whether one plan sells a stay, and what it would cost (priced even when a rule refuses it, for the delta).</summary>
internal sealed record SellCheck(bool Sellable, string? Reason, string? Detail, IReadOnlyList<PricedNight>? Nights, decimal? Total)
{
    public static SellCheck Refused(string reason, string detail, IReadOnlyList<PricedNight>? nights) =>
        new(false, reason, detail, nights, nights?.Sum(n => n.Amount));
}

/// <summary>
/// The sell rules of issue 4 item 7/8, in order: active, valid for every night, offered on the
/// booking source, no night closed, arrival not closed, departure not closed, length of stay within
/// the arrival date's min/max, a price for every night.
/// </summary>
internal static class Sellability
{
    public static SellCheck Check(PlanFacts plan, Stay stay, string source)
    {
        var nights = Price(plan, stay, out var unpriced);
        if (plan.Status != "ACTIVE")
        {
            return SellCheck.Refused(FallbackReasons.PlanInactive, $"{plan.Code} is {plan.Status}.", nights);
        }

        var last = stay.Departure.AddDays(-1);
        if ((plan.ValidFrom is { } from && stay.Arrival < from) || (plan.ValidUntil is { } until && last > until))
        {
            return SellCheck.Refused(FallbackReasons.OutsideValidity,
                $"{plan.Code} is valid {Format(plan.ValidFrom) ?? "always"} to {Format(plan.ValidUntil) ?? "open"}; the stay is {Format(stay.Arrival)} to {Format(last)}.",
                nights);
        }

        if (plan.Channels.Count > 0 && !plan.Channels.Contains(source, StringComparer.Ordinal))
        {
            return SellCheck.Refused(FallbackReasons.ChannelNotAllowed, $"{plan.Code} is not offered on {source}.", nights);
        }

        if (stay.EachNight().FirstOrDefault(n => plan.RestrictionOn(n).Closed) is var closed && closed != default)
        {
            return SellCheck.Refused(FallbackReasons.Closed, $"{plan.Code} is closed on {Format(closed)}.", nights);
        }

        var onArrival = plan.RestrictionOn(stay.Arrival);
        if (onArrival.ClosedToArrival)
        {
            return SellCheck.Refused(FallbackReasons.ClosedToArrival, $"{plan.Code} is closed to arrival on {Format(stay.Arrival)}.", nights);
        }

        if (plan.RestrictionOn(stay.Departure).ClosedToDeparture)
        {
            return SellCheck.Refused(FallbackReasons.ClosedToDeparture, $"{plan.Code} is closed to departure on {Format(stay.Departure)}.", nights);
        }

        if (onArrival.MinLos is { } min && stay.Nights < min)
        {
            return SellCheck.Refused(FallbackReasons.MinLos, $"{plan.Code} needs at least {min} nights from {Format(stay.Arrival)}.", nights);
        }

        if (onArrival.MaxLos is { } max && stay.Nights > max)
        {
            return SellCheck.Refused(FallbackReasons.MaxLos, $"{plan.Code} sells at most {max} nights from {Format(stay.Arrival)}.", nights);
        }

        if (unpriced is { } missing)
        {
            return SellCheck.Refused(FallbackReasons.NoPrice, $"{plan.Code} has no price for {Format(missing)}.", null);
        }

        return new SellCheck(true, null, null, nights, nights!.Sum(n => n.Amount));
    }

    // Null when a night has no price (the first such night in unpriced).
    private static List<PricedNight>? Price(PlanFacts plan, Stay stay, out DateOnly? unpriced)
    {
        var nights = new List<PricedNight>(stay.Nights);
        foreach (var night in stay.EachNight())
        {
            if (!plan.Prices.TryGetValue(night, out var price))
            {
                unpriced = night;
                return null;
            }

            nights.Add(new PricedNight(night, price.Amount, price.Source));
        }

        unpriced = null;
        return nights;
    }

    private static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
