using System.Text.RegularExpressions;
using Tartware.Contracts.Rates;
using Tartware.Rates.Calendar;
using Tartware.Rates.Engine;

namespace Tartware.Rates.Quotes;

/// <summary>Shape rules of a quote request (400 listing every invalid field). Partner data is validated strictly: nothing is normalised.</summary>
internal static partial class QuoteValidation
{
    public const int MaxGuests = 20;

    public static Dictionary<string, string[]> Errors(RateQuoteRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!CalendarValidation.InRange(request.Arrival))
        {
            errors["arrival"] = ["must be between 2000-01-01 and 2199-12-31"];
        }

        if (!CalendarValidation.InRange(request.Departure))
        {
            errors["departure"] = ["must be between 2000-01-01 and 2199-12-31"];
        }
        else if (request.Departure <= request.Arrival)
        {
            errors["departure"] = ["must be after arrival"];
        }
        else if (request.Departure.DayNumber - request.Arrival.DayNumber > Stay.MaxNights)
        {
            errors["departure"] = [$"a quote covers at most {Stay.MaxNights} nights"];
        }

        if (request.Adults is < 1 or > MaxGuests)
        {
            errors["adults"] = [$"must be between 1 and {MaxGuests}"];
        }

        if (request.Children is < 0 or > MaxGuests)
        {
            errors["children"] = [$"must be between 0 and {MaxGuests}"];
        }

        if (request.RateCode is not null && !CodePattern().IsMatch(request.RateCode))
        {
            errors["rateCode"] = ["must be an upper-case plan code (2-20 characters A-Z, 0-9, '_' or '-')"];
        }

        BookingSource.AddErrors(errors, request.Source, request.PartnerId);
        return errors;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{1,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
