namespace Tartware.Rates.Calendar;

/// <summary>
/// Sets one price on every night from <c>from</c> to <c>to</c> (inclusive) for the given room types
/// (all of the property's when absent), optionally only on some weekdays (MON..SUN).
/// </summary>
internal sealed record PriceFillRequest(IReadOnlyList<Guid>? RoomTypeIds, DateOnly? From, DateOnly? To, IReadOnlyList<string>? Weekdays, decimal? Amount);

/// <summary>
/// Sets the restriction of every night in the range (replacing what was there); all flags false and
/// no LOS limits clears the nights. CTD applies on the night's date as a departure date; min/max LOS
/// apply to stays arriving on it.
/// </summary>
internal sealed record RestrictionFillRequest(
    IReadOnlyList<Guid>? RoomTypeIds,
    DateOnly? From,
    DateOnly? To,
    IReadOnlyList<string>? Weekdays,
    bool? Closed,
    bool? ClosedToArrival,
    bool? ClosedToDeparture,
    int? MinLos,
    int? MaxLos);

/// <summary>What a fill touched: matching nights × room types.</summary>
internal sealed record FillResult(int Nights, int RoomTypes, int Rows);

/// <summary>One night of a plan's calendar for one room type; <c>amount</c> is null when the plan has no price for it.</summary>
internal sealed record CalendarNight(
    DateOnly Night, decimal? Amount, string? PriceSource, bool Closed, bool ClosedToArrival, bool ClosedToDeparture, int? MinLos, int? MaxLos);

/// <summary>A plan's calendar for one room type.</summary>
internal sealed record CalendarResponse(Guid RatePlanId, string RateCode, Guid RoomTypeId, string Currency, IReadOnlyList<CalendarNight> Nights);
