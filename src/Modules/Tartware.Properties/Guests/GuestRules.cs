using System.Text.RegularExpressions;
using Tartware.Properties.Common;

namespace Tartware.Properties.Guests;

/// <summary>Shape rules and normalization of guest fields.</summary>
internal static partial class GuestRules
{
    public static readonly string[] VipLevels = ["NONE", "SILVER", "GOLD", "PLATINUM"];
    public static readonly string[] DocumentTypes = ["PASSPORT", "NATIONAL_ID", "DRIVING_LICENCE", "RESIDENCE_PERMIT", "OTHER"];

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9]{5,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9 -]{2,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex PreferenceKeyPattern();

    public static string? Email(FieldErrors errors, string? value)
    {
        var email = errors.Text("email", value, 254, false);
        errors.Pattern("email", email, EmailPattern(), "must be an email address");
        return email;
    }

    /// <summary>"+351 (21) 123-4567" → "+351211234567": stored and searched in one form.</summary>
    public static string? Phone(FieldErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var phone = NormalizePhone(value);
        errors.Pattern("phone", phone, PhonePattern(), "must be a phone number of 5 to 20 digits, optionally starting with +");
        return phone;
    }

    public static string NormalizePhone(string value) =>
        new([.. value.Trim().Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0))]);

    public static string? Document(FieldErrors errors, string? value)
    {
        var document = errors.Text("documentNumber", value, 40, false)?.ToUpperInvariant();
        errors.Pattern("documentNumber", document, DocumentPattern(), "must be 3-40 letters, digits, spaces or '-'");
        return document;
    }

    public static void DateOfBirth(FieldErrors errors, DateOnly? value, DateOnly today)
    {
        if (value is { } date && (date >= today || date < new DateOnly(1900, 1, 1)))
        {
            errors.Add("dateOfBirth", "must be a past date after 1900-01-01");
        }
    }

    public static string? Nationality(FieldErrors errors, string? value)
    {
        var nationality = value?.Trim().ToUpperInvariant();
        if (nationality is not null && !IsoCodes.Countries.Contains(nationality))
        {
            errors.Add("nationality", "must be an ISO 3166-1 alpha-2 country code");
        }

        return nationality;
    }

    public static void Preferences(FieldErrors errors, Dictionary<string, string>? preferences)
    {
        if (preferences is null)
        {
            return;
        }

        if (preferences.Count > 30)
        {
            errors.Add("preferences", "at most 30 preferences");
        }

        foreach (var (key, value) in preferences)
        {
            if (!PreferenceKeyPattern().IsMatch(key) || value is null || value.Length > 200)
            {
                errors.Add("preferences", "keys are 1-40 letters, digits, '_', '.' or '-'; values up to 200 characters");
                break;
            }
        }
    }
}
