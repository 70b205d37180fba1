using System.Text.RegularExpressions;
using Tartware.Properties.Common;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Properties.Amenities;

/// <summary>The deployment's ceiling on tenant overrides of the catalog (configuration section <c>Properties:Amenities</c>).</summary>
internal sealed class AmenityGuardrailOptions
{
    /// <summary>Custom entries a property may add on top of the canonical catalog (a tenant's policy may set less, never more).</summary>
    public int MaxCustomEntries { get; set; } = 50;

    /// <summary>Tags an entry may carry beyond its canonical ones (a tenant's policy may set less, never more).</summary>
    public int MaxCustomTags { get; set; } = 5;
}

/// <summary>Naming and tag rules for overrides and custom entries.</summary>
internal static partial class AmenityGuardrails
{
    [GeneratedRegex("^[A-Z][A-Z0-9_]{1,39}$", RegexOptions.CultureInvariant)]
    public static partial Regex CodePattern();

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} &'()/+.,-]{1,79}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,23}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex IconPattern();

    /// <summary>Shape checks of an override (400 with every bad field).</summary>
    public static (string? Name, string[]? Tags) Check(string code, AmenityOverrideRequest request, string[] canonicalTags, EffectiveAmenityPolicy policy)
    {
        var errors = new FieldErrors();
        errors.Pattern("code", code, CodePattern(), "must be 2-40 upper-case letters, digits or '_', starting with a letter");
        if (AmenityNormalizer.Aliases.TryGetValue(code, out var target))
        {
            errors.Add("code", $"is a known spelling of {target}; use that entry");
        }

        var name = request.Name?.Trim();
        errors.Pattern("name", name, NamePattern(), "must be 2-80 letters, digits, spaces or & ' ( ) / + . , -");
        errors.OneOf("category", request.Category, CanonicalAmenities.Categories);
        errors.Pattern("icon", request.Icon, IconPattern(), "must be 1-40 lower-case letters, digits or '-'");
        errors.OneOf("status", request.Status, ["ACTIVE", "INACTIVE"]);
        string[]? tags = null;
        if (request.Tags is not null)
        {
            tags = [.. request.Tags.Select(t => t?.Trim().ToLowerInvariant() ?? "").Distinct(StringComparer.Ordinal)];
            for (var i = 0; i < tags.Length; i++)
            {
                errors.Pattern($"tags[{i}]", tags[i], TagPattern(), "must be 1-24 lower-case letters, digits or '-'");
            }

            if (tags.Except(canonicalTags, StringComparer.Ordinal).Count() > policy.MaxCustomTags)
            {
                errors.Add("tags", $"at most {policy.MaxCustomTags} custom tags per entry");
            }
        }

        errors.ThrowIfAny();
        return (name, tags);
    }

    public static void RequireMayDisable(AmenityEntry entry, string? status, EffectiveAmenityPolicy policy)
    {
        if (policy.Requires(entry) && status == "INACTIVE")
        {
            throw new BusinessRuleException($"{entry.Code} is a required amenity and cannot be switched off.", "amenity-required");
        }
    }
}
