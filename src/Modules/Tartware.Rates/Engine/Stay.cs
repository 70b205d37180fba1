namespace Tartware.Rates.Engine;

/// <summary>Nights from <see cref="Arrival"/> up to, not including, <see cref="Departure"/> (property-local dates).</summary>
internal sealed record Stay(DateOnly Arrival, DateOnly Departure)
{
    /// <summary>The longest stay one quote prices; longer stays are split by the caller.</summary>
    public const int MaxNights = 90;

    public int Nights => Departure.DayNumber - Arrival.DayNumber;

    public IEnumerable<DateOnly> EachNight()
    {
        for (var night = Arrival; night < Departure; night = night.AddDays(1))
        {
            yield return night;
        }
    }
}

/// <summary>The restriction of one plan × room type × date. CTD is read on the departure date, LOS on the arrival date.</summary>
internal sealed record NightRestriction(bool Closed, bool ClosedToArrival, bool ClosedToDeparture, int? MinLos, int? MaxLos)
{
    public static NightRestriction None { get; } = new(false, false, false, null, null);
}

/// <summary>A night's price and where it came from (CALENDAR, DEFAULT, DERIVED).</summary>
internal sealed record NightPrice(decimal Amount, string Source);

/// <summary>A priced night of the applied plan.</summary>
internal sealed record PricedNight(DateOnly Night, decimal Amount, string Source);
