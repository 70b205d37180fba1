using System.Text.RegularExpressions;

namespace Tartware.Rates.Engine;

/// <summary>
/// Strict validation of where a request comes from (issue 4 item 8): a known source in upper case,
/// a partner id exactly when the source is a partner channel. Nothing is normalised, so a partner's
/// bad data shows up as a 400 instead of a silently different rate.
/// </summary>
internal static partial class BookingSource
{
    public const string Direct = "DIRECT";

    public static IReadOnlyList<string> All { get; } = [Direct, "FRONT_DESK", "WEBSITE", "CALL_CENTER", "OTA", "GDS", "WHOLESALE"];

    public static IReadOnlyList<string> PartnerSources { get; } = ["OTA", "GDS", "WHOLESALE"];

    public static void AddErrors(IDictionary<string, string[]> errors, string? source, string? partnerId)
    {
        var effective = source ?? Direct;
        if (!All.Contains(effective, StringComparer.Ordinal))
        {
            errors["source"] = [$"must be one of {string.Join(", ", All)}"];
            return;
        }

        var partner = PartnerSources.Contains(effective, StringComparer.Ordinal);
        if (partner && partnerId is null)
        {
            errors["partnerId"] = [$"is required when source is {effective}"];
        }
        else if (!partner && partnerId is not null)
        {
            errors["partnerId"] = [$"is only allowed for {string.Join(", ", PartnerSources)}"];
        }
        else if (partnerId is not null && !PartnerPattern().IsMatch(partnerId))
        {
            errors["partnerId"] = ["must be 2-64 characters A-Z, 0-9, '.', '_' or '-', starting with a letter or digit"];
        }
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9._-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PartnerPattern();
}
