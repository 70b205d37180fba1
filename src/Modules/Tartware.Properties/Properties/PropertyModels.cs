using Tartware.Properties.Common;

namespace Tartware.Properties.Properties;

/// <summary>POST /v1/properties. Times are property-local <c>HH:mm</c>.</summary>
internal sealed record CreatePropertyRequest(
    string? Code, string? Name, string? TimeZone, string? Currency, Address? Address, string? CheckInTime, string? CheckOutTime, string? Status);

/// <summary>PATCH /v1/properties/{id}: absent fields are left as they are; the code never changes.</summary>
internal sealed record UpdatePropertyRequest(
    string? Name, string? TimeZone, string? Currency, Address? Address, string? CheckInTime, string? CheckOutTime, string? Status);

/// <summary>A property.</summary>
internal sealed record PropertyResponse(
    Guid Id, string Code, string Name, string TimeZone, string Currency, Address? Address, string CheckInTime, string CheckOutTime,
    string Status, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Values of the enumerations and formats properties use.</summary>
internal static class PropertyRules
{
    public static readonly string[] Statuses = ["ACTIVE", "INACTIVE", "PRE_OPENING"];

    public static readonly System.Text.RegularExpressions.Regex Code = new("^[A-Z0-9][A-Z0-9_-]{1,19}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex IanaZone =
        new("^(UTC|[A-Za-z][A-Za-z_-]{1,30}(/[A-Za-z0-9][A-Za-z0-9_+-]{0,30}){1,2})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static TimeOnly? Time(FieldErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(value, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, "must be a time of day as HH:mm, e.g. 15:00");
        return null;
    }

    public static void TimeZone(FieldErrors errors, string field, string? value)
    {
        // IANA ids only (a Windows id such as "W. Europe Standard Time" resolves on some hosts too), and
        // the shape is checked first so no path-like value ever reaches the zoneinfo lookup.
        if (value is not null && (!IanaZone.IsMatch(value) || !TimeZoneInfo.TryFindSystemTimeZoneById(value, out _)))
        {
            errors.Add(field, "must be an IANA time zone, e.g. Europe/Lisbon");
        }
    }

    public static void Currency(FieldErrors errors, string field, string? value)
    {
        if (value is not null && !IsoCodes.Currencies.Contains(value))
        {
            errors.Add(field, "must be an ISO 4217 currency code, e.g. EUR");
        }
    }
}
