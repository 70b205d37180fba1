using Shouldly;
using Tartware.Contracts.Rates;
using Tartware.Rates.Calendar;
using Tartware.Rates.Engine;
using Tartware.Rates.Policy;
using Tartware.Rates.Quotes;
using Tartware.Rates.Setup;
using Tartware.ServiceDefaults.Errors;
using Xunit;

namespace Tartware.Rates.Tests.Engine;

public sealed class RulesTests
{
    [Theory]
    [InlineData(100, "ABSOLUTE", 15, 115)]
    [InlineData(100, "ABSOLUTE", -15.5, 84.5)]
    [InlineData(100, "ABSOLUTE", -150, 0)]
    [InlineData(100, "PERCENT", -10, 90)]
    [InlineData(99.99, "PERCENT", 12.5, 112.49)]
    [InlineData(0.05, "PERCENT", 10, 0.06)]
    [InlineData(100, "PERCENT", -100, 0)]
    public void Derived_prices_follow_the_base_plan(decimal basePrice, string kind, decimal offset, decimal expected) =>
        DerivedPricing.Apply(basePrice, kind, offset).ShouldBe(expected);

    [Fact]
    public void An_unknown_offset_kind_is_a_bug_not_a_price() =>
        Should.Throw<ArgumentOutOfRangeException>(() => DerivedPricing.Apply(1m, "RATIO", 1m));

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("DIRECT", null, null)]
    [InlineData("WEBSITE", null, null)]
    [InlineData("OTA", "BOOKING_COM", null)]
    [InlineData("GDS", "AMADEUS.1A", null)]
    [InlineData("direct", null, "source")]
    [InlineData("EMAIL", null, "source")]
    [InlineData("OTA", null, "partnerId")]
    [InlineData("DIRECT", "BOOKING_COM", "partnerId")]
    [InlineData(null, "BOOKING_COM", "partnerId")]
    [InlineData("OTA", "booking_com", "partnerId")]
    [InlineData("OTA", "B", "partnerId")]
    [InlineData("OTA", "BOOKING COM", "partnerId")]
    [InlineData("WHOLESALE", "-HOTELBEDS", "partnerId")]
    public void Partner_requests_are_validated_strictly(string? source, string? partnerId, string? invalidField)
    {
        var errors = new Dictionary<string, string[]>();
        BookingSource.AddErrors(errors, source, partnerId);
        if (invalidField is null)
        {
            errors.ShouldBeEmpty();
        }
        else
        {
            errors.Keys.ShouldBe([invalidField]);
        }
    }

    public static TheoryData<RateQuoteRequest, string[]> QuoteRequests => new()
    {
        { Quote(), [] },
        { Quote() with { Departure = new DateOnly(2027, 3, 1) }, ["departure"] },
        { Quote() with { Departure = new DateOnly(2027, 2, 1) }, ["departure"] },
        { Quote() with { Departure = new DateOnly(2027, 6, 1) }, ["departure"] },
        { Quote() with { Adults = 0, Children = -1 }, ["adults", "children"] },
        { Quote() with { Adults = 21 }, ["adults"] },
        { Quote() with { RateCode = "bar" }, ["rateCode"] },
        { Quote() with { RateCode = "B" }, ["rateCode"] },
        { Quote() with { Source = "OTA" }, ["partnerId"] },
        { Quote() with { RateCode = "x y", Source = "FAX", Adults = 0 }, ["rateCode", "source", "adults"] },
    };

    [Theory]
    [MemberData(nameof(QuoteRequests))]
    public void Quote_requests_list_every_invalid_field(RateQuoteRequest request, string[] fields) =>
        QuoteValidation.Errors(request).Keys.ShouldBe(fields, ignoreOrder: true);

    [Theory]
    [InlineData(null, 0)]
    [InlineData(new[] { "MON", "FRI" }, 2)]
    [InlineData(new[] { "SUN", "SUN" }, 1)]
    public void Weekdays_map_to_iso_numbers(string[]? names, int count) => CalendarValidation.IsoWeekdays(names)!.Length.ShouldBe(count);

    [Fact]
    public void Weekday_names_are_strict()
    {
        CalendarValidation.IsoWeekdays(["mon"]).ShouldBeNull();
        CalendarValidation.IsoWeekdays(["SUN", "MON"]).ShouldBe([7, 1]);
    }

    [Fact]
    public void Price_fills_list_every_invalid_field()
    {
        var errors = new Dictionary<string, string[]>();
        CalendarValidation.AddPriceErrors(errors, new PriceFillRequest(null, new DateOnly(2027, 1, 2), new DateOnly(2027, 1, 1), ["XYZ"], 1.00001m));
        errors.Keys.ShouldBe(["to", "weekdays", "amount"], ignoreOrder: true);
        errors.Clear();
        CalendarValidation.AddPriceErrors(errors, new PriceFillRequest(null, new DateOnly(2027, 1, 1), new DateOnly(2029, 1, 2), null, -1m));
        errors.Keys.ShouldBe(["to", "amount"], ignoreOrder: true);
        errors.Clear();
        CalendarValidation.AddPriceErrors(errors, new PriceFillRequest(null, null, null, null, null));
        errors.Keys.ShouldBe(["from", "to", "amount"], ignoreOrder: true);
    }

    [Fact]
    public void Restriction_fills_check_los_and_know_when_they_clear()
    {
        var errors = new Dictionary<string, string[]>();
        var request = new RestrictionFillRequest(null, new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3), null, null, null, null, 5, 3);
        CalendarValidation.AddRestrictionErrors(errors, request);
        errors.Keys.ShouldBe(["maxLos"]);
        errors.Clear();
        CalendarValidation.AddRestrictionErrors(errors, request with { MinLos = 0, MaxLos = 400 });
        errors.Keys.ShouldBe(["minLos", "maxLos"], ignoreOrder: true);
        CalendarValidation.Clears(request with { MinLos = null, MaxLos = null, Closed = false }).ShouldBeTrue();
        CalendarValidation.Clears(request with { MinLos = null, MaxLos = null, ClosedToDeparture = true }).ShouldBeFalse();
    }

    [Fact]
    public void Policies_validate_their_fields()
    {
        PolicyValidation.Errors(new RatePolicyRequest(true, 10m, 5m, ["rm@example.test"])).ShouldBeEmpty();
        PolicyValidation.Errors(new RatePolicyRequest(null, -1m, 2000m, ["not an email"])).Keys
            .ShouldBe(["allowFallback", "maxPriceDelta", "maxPriceDeltaPercent", "notifyRecipients"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("*", null)]
    [InlineData("\"3\"", 3)]
    [InlineData("W/\"12\"", 12)]
    public void If_match_names_a_version(string? header, int? version) => EntityTags.Parse(header).ShouldBe(version);

    [Theory]
    [InlineData("3")]
    [InlineData("\"abc\"")]
    [InlineData("\"-1\"")]
    public void A_bad_if_match_is_a_400(string header) => Should.Throw<ValidationFailedException>(() => EntityTags.Parse(header));

    [Fact]
    public void System_plan_ids_are_deterministic_per_property_and_code()
    {
        var property = Guid.NewGuid();
        BarRackSetup.SystemPlanId(property, "BAR").ShouldBe(BarRackSetup.SystemPlanId(property, "BAR"));
        BarRackSetup.SystemPlanId(property, "BAR").ShouldNotBe(BarRackSetup.SystemPlanId(property, "RACK"));
        BarRackSetup.SystemPlanId(property, "BAR").ShouldNotBe(BarRackSetup.SystemPlanId(Guid.NewGuid(), "BAR"));
        BarRackSetup.SystemPlanId(property, "BAR").Version.ShouldBe(8);
        BarRackSetup.RackRate(99.99m).ShouldBe(119.99m);
    }

    [Fact]
    public void Escalation_needs_a_known_delta()
    {
        var policy = new FallbackPolicy(true, 10m, null, []);
        policy.Escalates(null, 100m).ShouldBeFalse();
        policy.Escalates(10.01m, 100m).ShouldBeTrue();
        (policy with { MaxPriceDelta = null, MaxPriceDeltaPercent = 5m }).Escalates(5m, 0m).ShouldBeFalse();
    }

    private static RateQuoteRequest Quote() => new(Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 4), 2, 0);
}
