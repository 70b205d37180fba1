using Tartware.Rates.Engine;

namespace Tartware.Rates.Tests.Engine;

/// <summary>Builders of plan facts for the resolver tables: a 3-night stay from Monday 2027-03-01 by default.</summary>
internal static class Facts
{
    public static readonly DateOnly Arrival = new(2027, 3, 1);
    public static readonly DateOnly Departure = new(2027, 3, 4);
    public static readonly Stay ThreeNights = new(Arrival, Departure);

    public static DateOnly Day(int offset) => Arrival.AddDays(offset);

    public static PlanFacts Plan(string code, decimal price = 100m, string status = "ACTIVE", DateOnly? validFrom = null, DateOnly? validUntil = null,
        string[]? channels = null, Dictionary<DateOnly, NightRestriction>? restrictions = null, DateOnly? unpricedNight = null)
    {
        var prices = new Dictionary<DateOnly, NightPrice>();
        for (var night = Day(-30); night < Day(60); night = night.AddDays(1))
        {
            if (night != unpricedNight)
            {
                prices[night] = new NightPrice(price, "CALENDAR");
            }
        }

        return new PlanFacts(Guid.NewGuid(), code, status, validFrom, validUntil, channels ?? [], prices,
            restrictions ?? new Dictionary<DateOnly, NightRestriction>());
    }

    public static Dictionary<DateOnly, NightRestriction> On(DateOnly date, NightRestriction restriction) => new() { [date] = restriction };

    public static NightRestriction Closed => NightRestriction.None with { Closed = true };

    public static NightRestriction Cta => NightRestriction.None with { ClosedToArrival = true };

    public static NightRestriction Ctd => NightRestriction.None with { ClosedToDeparture = true };

    public static NightRestriction MinLos(int nights) => NightRestriction.None with { MinLos = nights };

    public static NightRestriction MaxLos(int nights) => NightRestriction.None with { MaxLos = nights };
}
