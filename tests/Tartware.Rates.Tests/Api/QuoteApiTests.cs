using System.Text.Json;
using Shouldly;
using Tartware.Rates.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

using Hotel = Tartware.Rates.Tests.Infrastructure.Hotel;

namespace Tartware.Rates.Tests.Api;

/// <summary>The fallback rules end to end: plans, prices and restrictions set through the API, then quoted (Mon 4 to Thu 7 March 2030).</summary>
[Collection(RatesHostCollection.Name)]
public sealed class QuoteApiTests(RatesHost host)
{
    private static readonly DateOnly Mon = Hotel.Monday;

    private sealed record Scenario(string Because, Func<RatesHost, Hotel, Task> Arrange, string Requested, string Applied, string? Reason,
        string Extra = "", decimal? Total = null);

    private static readonly Scenario[] Table =
    [
        new("requested plan sells", (h, x) => Promo(h, x), "PROMO", "PROMO", null, Total: 270m),
        new("expired plan falls back to BAR", (h, x) => Promo(h, x, new { validUntil = Mon }), "PROMO", "BAR", "OUTSIDE_VALIDITY", Total: 300m),
        new("inactive plan falls back to BAR", (h, x) => Promo(h, x, new { status = "INACTIVE" }), "PROMO", "BAR", "PLAN_INACTIVE"),
        new("restricted night falls back to BAR", (h, x) => Promo(h, x, restriction: (Mon.AddDays(1), new { closed = true })), "PROMO", "BAR", "CLOSED"),
        new("closed to arrival falls back to BAR", (h, x) => Promo(h, x, restriction: (Mon, new { closedToArrival = true })), "PROMO", "BAR", "CLOSED_TO_ARRIVAL"),
        new("closed to departure falls back to BAR", (h, x) => Promo(h, x, restriction: (Mon.AddDays(3), new { closedToDeparture = true })),
            "PROMO", "BAR", "CLOSED_TO_DEPARTURE"),
        new("closed to departure on a stay night does not", (h, x) => Promo(h, x, restriction: (Mon.AddDays(1), new { closedToDeparture = true })),
            "PROMO", "PROMO", null),
        new("min LOS falls back to BAR", (h, x) => Promo(h, x, restriction: (Mon, new { minLos = 4 })), "PROMO", "BAR", "MIN_LOS"),
        new("max LOS falls back to BAR", (h, x) => Promo(h, x, restriction: (Mon, new { maxLos = 2 })), "PROMO", "BAR", "MAX_LOS"),
        new("a plan without prices falls back to BAR", (h, x) => x.CreatePlanAsync(h, "PROMO"), "PROMO", "BAR", "NO_PRICE"),
        new("an unknown code falls back to BAR", (_, _) => Task.CompletedTask, "NOPE", "BAR", "PLAN_NOT_FOUND"),
        new("a channel the plan is not on falls back to BAR", (h, x) => Promo(h, x, new { channels = new[] { "WEBSITE" } }), "PROMO", "BAR",
            "CHANNEL_NOT_ALLOWED", "&source=OTA&partnerId=BOOKING_COM"),
        new("BAR closed too: RACK", async (h, x) =>
        {
            await Promo(h, x, new { validUntil = Mon });
            await x.RestrictAsync(h, await x.PlanIdAsync(h, "BAR"), Mon.AddDays(2), Mon.AddDays(2), new { closed = true });
        }, "PROMO", "RACK", "OUTSIDE_VALIDITY", Total: 360m),
        new("BAR without a price for the room type: RACK", async (h, x) =>
        {
            await Promo(h, x, restriction: (Mon, new { closedToArrival = true }));
            await DropDefaultRateAsync(x, "BAR");
        }, "PROMO", "RACK", "CLOSED_TO_ARRIVAL"),
        new("BAR requested and closed: RACK", async (h, x) =>
            await x.RestrictAsync(h, await x.PlanIdAsync(h, "BAR"), Mon, Mon, new { closed = true }), "BAR", "RACK", "CLOSED"),
        new("a derived plan prices from its base", async (h, x) =>
            await x.CreatePlanAsync(h, "MEMBER", new { type = "MEMBER", basePlanId = await x.PlanIdAsync(h, "BAR"), offsetKind = "PERCENT", offsetValue = -10 }),
            "MEMBER", "MEMBER", null, Total: 270m),
    ];

    public static TheoryData<string> Scenarios => [.. Table.Select(s => s.Because)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Quotes_follow_the_fallback_rules(string because)
    {
        var scenario = Table.Single(s => s.Because == because);
        var hotel = await Hotel.CreateAsync(host, 100m);
        await scenario.Arrange(host, hotel);

        var quote = await host.SendExpectingAsync(200, HttpMethod.Get, hotel.QuotePath(Mon, 3, scenario.Requested, scenario.Extra), hotel.Owner.AccessToken);

        quote.GetProperty("appliedRateCode").GetString().ShouldBe(scenario.Applied, because);
        quote.GetProperty("currency").GetString().ShouldBe("EUR");
        quote.GetProperty("nights").GetArrayLength().ShouldBe(3);
        quote.GetProperty("restrictionsChecked").EnumerateArray().Select(c => c.GetString()).ShouldContain("CLOSED_TO_DEPARTURE");
        if (scenario.Total is { } total)
        {
            quote.GetProperty("total").GetDecimal().ShouldBe(total, because);
        }

        var fallback = quote.GetProperty("fallback");
        if (scenario.Reason is null)
        {
            fallback.ValueKind.ShouldBe(JsonValueKind.Null, because);
            return;
        }

        fallback.GetProperty("requestedRateCode").GetString().ShouldBe(scenario.Requested);
        fallback.GetProperty("appliedRateCode").GetString().ShouldBe(scenario.Applied);
        fallback.GetProperty("reason").GetString().ShouldBe(scenario.Reason, because);
        fallback.GetProperty("id").ValueKind.ShouldBe(JsonValueKind.Null, "a GET quote is a preview and records nothing");
    }

    [Fact]
    public async Task A_derived_plan_shows_where_each_night_comes_from()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var bar = await hotel.PlanIdAsync(host, "BAR");
        await hotel.PricesAsync(host, bar, Mon.AddDays(1), Mon.AddDays(1), 200m);
        await hotel.CreatePlanAsync(host, "MEMBER", new { type = "MEMBER", basePlanId = bar, offsetKind = "ABSOLUTE", offsetValue = -20 });

        var barQuote = await host.SendExpectingAsync(200, HttpMethod.Get, hotel.QuotePath(Mon, 3, "BAR"), hotel.Owner.AccessToken);
        barQuote.GetProperty("nights").EnumerateArray().Select(n => n.GetProperty("source").GetString()).ShouldBe(["DEFAULT", "CALENDAR", "DEFAULT"]);
        var member = await host.SendExpectingAsync(200, HttpMethod.Get, hotel.QuotePath(Mon, 3, "MEMBER"), hotel.Owner.AccessToken);
        member.GetProperty("nights").EnumerateArray().Select(n => n.GetProperty("amount").GetDecimal()).ShouldBe([80m, 180m, 80m]);
        member.GetProperty("total").GetDecimal().ShouldBe(340m);
    }

    [Fact]
    public async Task A_policy_that_denies_fallback_answers_422_with_the_reason()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        await Promo(host, hotel, restriction: (Mon, new { minLos = 5 }));
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{hotel.Base}/rate-policy", hotel.Owner.AccessToken, new { allowFallback = false });

        var denied = await host.SendExpectingAsync(422, HttpMethod.Get, hotel.QuotePath(Mon, 3, "PROMO"), hotel.Owner.AccessToken);

        denied.GetProperty("code").GetString().ShouldBe("rate-fallback-denied");
        denied.GetProperty("detail").GetString()!.ShouldContain("MIN_LOS");
        denied.GetProperty("reasons").GetProperty("PROMO").GetString().ShouldBe("MIN_LOS");
        await host.SendExpectingAsync(200, HttpMethod.Get, hotel.QuotePath(Mon, 5, "PROMO"), hotel.Owner.AccessToken);
    }

    [Fact]
    public async Task Nothing_sellable_answers_422_naming_every_plan_tried()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        foreach (var code in new[] { "BAR", "RACK" })
        {
            await hotel.RestrictAsync(host, await hotel.PlanIdAsync(host, code), Mon, Mon, new { closedToArrival = true });
        }

        var refused = await host.SendExpectingAsync(422, HttpMethod.Get, hotel.QuotePath(Mon, 2, "CORP"), hotel.Owner.AccessToken);
        refused.GetProperty("code").GetString().ShouldBe("rate-unavailable");
        var reasons = refused.GetProperty("reasons");
        reasons.GetProperty("CORP").GetString().ShouldBe("PLAN_NOT_FOUND");
        reasons.GetProperty("BAR").GetString().ShouldBe("CLOSED_TO_ARRIVAL");
        reasons.GetProperty("RACK").GetString().ShouldBe("CLOSED_TO_ARRIVAL");
    }

    [Fact]
    public async Task A_delta_over_the_policy_maximum_escalates_to_the_recipients()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        await Promo(host, hotel, new { validUntil = Mon });
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{hotel.Base}/rate-policy", hotel.Owner.AccessToken,
            new { allowFallback = true, maxPriceDelta = 25, notifyRecipients = new[] { "revenue@example.test" } });

        var quote = await host.SendExpectingAsync(200, HttpMethod.Get, hotel.QuotePath(Mon, 3, "PROMO"), hotel.Owner.AccessToken);

        var fallback = quote.GetProperty("fallback");
        fallback.GetProperty("priceDelta").GetDecimal().ShouldBe(30m);
        fallback.GetProperty("requestedTotal").GetDecimal().ShouldBe(270m);
        fallback.GetProperty("escalated").GetBoolean().ShouldBeTrue();
        fallback.GetProperty("notifyRecipients").EnumerateArray().Select(r => r.GetString()).ShouldBe(["revenue@example.test"]);
    }

    [Fact]
    public async Task Bad_quote_requests_list_every_invalid_field()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var missing = await host.SendExpectingAsync(400, HttpMethod.Get, $"{hotel.Base}/rates/quote", hotel.Owner.AccessToken);
        RatePlanApiTests.Fields(missing).ShouldBe(["roomTypeId", "arrival", "departure"], ignoreOrder: true);

        var bad = await host.SendExpectingAsync(400, HttpMethod.Get,
            $"{hotel.Base}/rates/quote?roomTypeId={hotel.RoomTypeId}&arrival=2030-03-04&departure=2030-03-04&adults=0&rateCode=bar&source=OTA",
            hotel.Owner.AccessToken);
        RatePlanApiTests.Fields(bad).ShouldBe(["departure", "adults", "rateCode", "partnerId"], ignoreOrder: true);
        var partner = await host.SendExpectingAsync(400, HttpMethod.Get, hotel.QuotePath(Mon, 1, extra: "&partnerId=BOOKING_COM"), hotel.Owner.AccessToken);
        RatePlanApiTests.Fields(partner).ShouldBe(["partnerId"]);
    }

    [Fact]
    public async Task Too_many_guests_or_an_unknown_room_type_are_refused()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var crowded = await host.SendExpectingAsync(422, HttpMethod.Get, hotel.QuotePath(Mon, 1) + "&children=3", hotel.Owner.AccessToken);
        crowded.GetProperty("code").GetString().ShouldBe("occupancy-exceeded");
        await host.SendExpectingAsync(404, HttpMethod.Get,
            $"{hotel.Base}/rates/quote?roomTypeId={Guid.NewGuid()}&arrival=2030-03-04&departure=2030-03-05", hotel.Owner.AccessToken);
        await host.SendExpectingAsync(200, HttpMethod.Patch, $"{hotel.Base}/room-types/{hotel.RoomTypeId}", hotel.Owner.AccessToken, new { status = "INACTIVE" });
        var inactive = await host.SendExpectingAsync(422, HttpMethod.Get, hotel.QuotePath(Mon, 1), hotel.Owner.AccessToken);
        inactive.GetProperty("code").GetString().ShouldBe("room-type-inactive");
    }

    internal static async Task Promo(RatesHost host, Hotel hotel, object? plan = null, (DateOnly Night, object Restriction)? restriction = null)
    {
        var id = await hotel.CreatePlanAsync(host, "PROMO", plan);
        await hotel.PricesAsync(host, id, Mon.AddDays(-10), Mon.AddDays(30), 90m);
        if (restriction is { } r)
        {
            await hotel.RestrictAsync(host, id, r.Night, r.Night, r.Restriction);
        }
    }

    // A room type created before Rates was installed has no BAR price until the setup step runs.
    private static async Task DropDefaultRateAsync(Hotel hotel, string code)
    {
        var deleted = await TenantSql.ScalarAsTenantAsync<long>(hotel.Owner.TenantId, """
            with gone as (
                delete from rates.plan_room_rates r using rates.rate_plans p
                where p.tenant_id = r.tenant_id and p.id = r.rate_plan_id and p.property_id = $1 and p.code = $2
                returning 1)
            select count(*) from gone
            """, hotel.PropertyId, code);
        deleted.ShouldBe(1);
    }
}
