namespace Tartware.Rates.Calendar;

/// <summary>Shape rules of calendar fills and reads.</summary>
internal static class CalendarValidation
{
    public const int MaxFillNights = 731;
    public const int MaxReadNights = 366;
    public const decimal MaxAmount = 10_000_000m;

    private static readonly string[] Days = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

    /// <summary>ISO weekday numbers (1 = Monday), empty for every day; null when a name is unknown.</summary>
    public static int[]? IsoWeekdays(IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return [];
        }

        var days = new List<int>();
        foreach (var name in names)
        {
            var index = Array.IndexOf(Days, name);
            if (index < 0)
            {
                return null;
            }

            days.Add(index + 1);
        }

        return [.. days.Distinct()];
    }

    /// <summary>Dates a hotel plans with; outside them a date is a typo (and 9999-12-31 + 1 day would overflow).</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static bool InRange(DateOnly date) => date >= Earliest && date <= Latest;

    public static void AddRangeErrors(Dictionary<string, string[]> errors, DateOnly? from, DateOnly? to, int maxNights)
    {
        if (from is not { } first || !InRange(first))
        {
            errors["from"] = ["is required (yyyy-MM-dd, 2000-01-01 to 2199-12-31)"];
        }

        if (to is not { } last || !InRange(last))
        {
            errors["to"] = ["is required (yyyy-MM-dd, 2000-01-01 to 2199-12-31)"];
        }

        if (from is { } f && to is { } t && !errors.ContainsKey("from") && !errors.ContainsKey("to") && (t < f || t.DayNumber - f.DayNumber + 1 > maxNights))
        {
            errors["to"] = [$"must be on or after from, at most {maxNights} nights in one request"];
        }
    }

    public static void AddFillErrors(Dictionary<string, string[]> errors, IReadOnlyList<Guid>? roomTypeIds, IReadOnlyList<string>? weekdays)
    {
        if (IsoWeekdays(weekdays) is null)
        {
            errors["weekdays"] = [$"must be values of {string.Join(", ", Days)}"];
        }

        if (roomTypeIds is { Count: > 200 })
        {
            errors["roomTypeIds"] = ["at most 200 room types per request"];
        }
    }

    public static void AddPriceErrors(Dictionary<string, string[]> errors, PriceFillRequest request)
    {
        AddRangeErrors(errors, request.From, request.To, MaxFillNights);
        AddFillErrors(errors, request.RoomTypeIds, request.Weekdays);
        if (request.Amount is not { } amount || amount < 0m || amount > MaxAmount || decimal.Round(amount, 4) != amount)
        {
            errors["amount"] = ["is required: 0 to 10,000,000 with at most 4 decimals"];
        }
    }

    public static void AddRestrictionErrors(Dictionary<string, string[]> errors, RestrictionFillRequest request)
    {
        AddRangeErrors(errors, request.From, request.To, MaxFillNights);
        AddFillErrors(errors, request.RoomTypeIds, request.Weekdays);
        if (request.MinLos is < 1 or > 365)
        {
            errors["minLos"] = ["must be between 1 and 365"];
        }

        if (request.MaxLos is < 1 or > 365)
        {
            errors["maxLos"] = ["must be between 1 and 365"];
        }
        else if (request.MaxLos is { } max && request.MinLos is { } min && max < min)
        {
            errors["maxLos"] = ["must not be below minLos"];
        }
    }

    /// <summary>True when the request restricts nothing: the nights are cleared.</summary>
    public static bool Clears(RestrictionFillRequest request) =>
        request is { Closed: not true, ClosedToArrival: not true, ClosedToDeparture: not true, MinLos: null, MaxLos: null };
}
