using System.Collections.Frozen;
using System.Text;

namespace Tartware.Properties.Amenities;

/// <summary>
/// Maps free-form and legacy amenity spellings ("wi-fi", "Wireless Internet", "A/C") to catalog
/// codes. A spelling is reduced to a key (upper case, runs of anything but letters and digits become
/// one '_'), then looked up as a code of the property's catalog, then in the alias table.
/// </summary>
internal static class AmenityNormalizer
{
    /// <summary>The map table: canonical code → legacy and free-form keys (already reduced) that stand for it.</summary>
    private static readonly (string Code, string Keys)[] Table =
    [
        ("WIFI", "WI_FI WIRELESS WIRELESS_INTERNET INTERNET FREE_WIFI WLAN"),
        ("SMART_TV", "TV SMARTTV FLAT_SCREEN_TV TELEVISION CABLE_TV"),
        ("CLIMATE_CONTROL", "AC A_C AIR_CONDITIONING AIRCON AIR_CON HEATING"),
        ("WORK_DESK", "DESK WORKDESK WORKSPACE"),
        ("RAIN_SHOWER", "RAINSHOWER SHOWER WALK_IN_SHOWER"),
        ("BATHTUB", "BATH TUB BATH_TUB"),
        ("HAIR_DRYER", "HAIRDRYER HAIR_DRIER FOEHN"),
        ("PREMIUM_TOILETRIES", "TOILETRIES"),
        ("ROBES_SLIPPERS", "BATHROBE ROBES SLIPPERS"),
        ("COFFEE_BAR", "COFFEE COFFEE_MAKER COFFEE_MACHINE NESPRESSO TEA_COFFEE"),
        ("MINIBAR", "MINI_BAR FRIDGE REFRIGERATOR"),
        ("KITCHENETTE", "KITCHEN"),
        ("IN_ROOM_SAFE", "SAFE SAFETY_BOX SAFE_BOX"),
        ("SMOKE_DETECTOR", "SMOKE_ALARM"),
        ("NON_SMOKING", "NO_SMOKING NONSMOKING SMOKE_FREE"),
        ("BLACKOUT_CURTAINS", "BLACKOUT"),
        ("SOUNDPROOFING", "SOUNDPROOF"),
        ("IRON", "IRONING_BOARD"),
        ("USB_CHARGING", "USB USB_PORTS"),
        ("BLUETOOTH_SPEAKER", "SPEAKER"),
        ("BALCONY", "TERRACE"),
        ("SEA_VIEW", "OCEAN_VIEW SEAVIEW"),
        ("ACCESSIBLE_BATHROOM", "WHEELCHAIR_ACCESSIBLE ADA"),
        ("CRIB_AVAILABLE", "CRIB COT"),
        ("PET_FRIENDLY", "PETS_ALLOWED PETS"),
    ];

    /// <summary>Legacy and free-form keys to canonical codes.</summary>
    public static readonly FrozenDictionary<string, string> Aliases = Table
        .SelectMany(t => t.Keys.Split(' ').Select(key => KeyValuePair.Create(key, t.Code)))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>"Wi-Fi " → "WI_FI"; empty when nothing is left.</summary>
    public static string Key(string input)
    {
        var builder = new StringBuilder(input.Length);
        var pendingSeparator = false;
        foreach (var c in input.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingSeparator && builder.Length > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToUpperInvariant(c));
                pendingSeparator = false;
            }
            else
            {
                pendingSeparator = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>The catalog code <paramref name="input"/> stands for, or null when it cannot be mapped.</summary>
    public static string? Normalize(string input, IReadOnlySet<string> catalogCodes)
    {
        var key = Key(input);
        if (key.Length == 0)
        {
            return null;
        }

        if (catalogCodes.Contains(key))
        {
            return key;
        }

        return Aliases.TryGetValue(key, out var code) && catalogCodes.Contains(code) ? code : null;
    }

    /// <summary>Normalizes a list: what mapped (input → code, duplicates folded) and what was rejected.</summary>
    public static NormalizationReport Report(IEnumerable<string> inputs, IReadOnlySet<string> catalogCodes)
    {
        var mapped = new List<MappedAmenity>();
        var rejected = new List<string>();
        foreach (var input in inputs)
        {
            if (Normalize(input, catalogCodes) is { } code)
            {
                mapped.Add(new MappedAmenity(input, code, !string.Equals(input, code, StringComparison.Ordinal)));
            }
            else
            {
                rejected.Add(input);
            }
        }

        return new NormalizationReport(mapped, rejected, [.. mapped.Select(m => m.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }
}

/// <summary>One input and the code it maps to; <c>changed</c> when the spelling was not already the code.</summary>
internal sealed record MappedAmenity(string Input, string Code, bool Changed);

/// <summary>What normalization made of a list of amenity spellings.</summary>
internal sealed record NormalizationReport(IReadOnlyList<MappedAmenity> Mapped, IReadOnlyList<string> Rejected, IReadOnlyList<string> Codes);
