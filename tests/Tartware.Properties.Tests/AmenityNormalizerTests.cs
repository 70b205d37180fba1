using Shouldly;
using Tartware.Properties.Amenities;
using Xunit;

namespace Tartware.Properties.Tests;

public sealed class AmenityNormalizerTests
{
    private static readonly IReadOnlySet<string> Catalog = CanonicalAmenities.All.Select(a => a.Code).Append("BUTLER").ToHashSet();

    [Theory]
    [InlineData("Wi-Fi ", "WI_FI")]
    [InlineData("a/c", "A_C")]
    [InlineData("  smart   tv!", "SMART_TV")]
    [InlineData("---", "")]
    [InlineData("Café", "CAF")]
    public void Key_reduces_spellings_to_upper_snake_case(string input, string key) => AmenityNormalizer.Key(input).ShouldBe(key);

    [Theory]
    [InlineData("wi-fi", "WIFI")]
    [InlineData("WIRELESS", "WIFI")]
    [InlineData("Flat screen TV", "SMART_TV")]
    [InlineData("aircon", "CLIMATE_CONTROL")]
    [InlineData("butler", "BUTLER")]
    [InlineData("safe", "IN_ROOM_SAFE")]
    [InlineData("helipad", null)]
    [InlineData("", null)]
    public void Normalize_maps_known_spellings_and_rejects_the_rest(string input, string? expected) =>
        AmenityNormalizer.Normalize(input, Catalog).ShouldBe(expected);

    [Fact]
    public void An_alias_of_an_entry_missing_from_the_catalog_is_rejected() =>
        AmenityNormalizer.Normalize("fridge", new HashSet<string> { "WIFI" }).ShouldBeNull();

    [Fact]
    public void The_report_folds_duplicates_and_lists_rejections()
    {
        var report = AmenityNormalizer.Report(["wifi", "Wi-Fi", "WIFI", "moat"], Catalog);
        report.Codes.ShouldBe(["WIFI"]);
        report.Rejected.ShouldBe(["moat"]);
        report.Mapped.Count(m => m.Changed).ShouldBe(2);
    }

    [Fact]
    public void The_canonical_catalog_is_large_enough_and_every_alias_points_into_it()
    {
        CanonicalAmenities.All.Count.ShouldBeGreaterThanOrEqualTo(20);
        CanonicalAmenities.All.Select(a => a.Code).ShouldBeUnique();
        AmenityNormalizer.Aliases.Values.ShouldAllBe(code => CanonicalAmenities.ByCode.ContainsKey(code));
        AmenityNormalizer.Aliases.Keys.ShouldAllBe(key => !CanonicalAmenities.ByCode.ContainsKey(key));
        CanonicalAmenities.All.ShouldAllBe(a => CanonicalAmenities.Categories.Contains(a.Category));
    }

    [Theory]
    [InlineData("WIFI", "ACTIVE", null, null)]
    [InlineData("MINIBAR", "INACTIVE", "INACTIVE", null)]
    [InlineData("wireless", "ACTIVE", "LEGACY_CODE", "WIFI")]
    [InlineData("moat", "ACTIVE", "UNKNOWN", null)]
    public void Drift_classification(string stored, string catalogStatus, string? kind, string? suggestion)
    {
        var catalog = CanonicalAmenities.All
            .Select(a => new AmenityEntry(a.Code, a.Name, a.Category, a.Icon, a.Tags, "CANONICAL", a.IsDefault, a.IsRequired, false,
                a.Code == stored ? catalogStatus : "ACTIVE", DateTimeOffset.UnixEpoch))
            .ToList();
        var result = AmenityDriftService.Classify(stored, catalog);
        result?.Kind.ShouldBe(kind);
        result?.Suggestion.ShouldBe(suggestion);
        (result is null).ShouldBe(kind is null);
    }
}
