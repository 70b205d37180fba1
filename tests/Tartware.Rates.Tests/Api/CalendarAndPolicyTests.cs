using System.Text.Json;
using Shouldly;
using Tartware.Rates.Tests.Infrastructure;
using Xunit;

using Hotel = Tartware.Rates.Tests.Infrastructure.Hotel;

namespace Tartware.Rates.Tests.Api;

[Collection(RatesHostCollection.Name)]
public sealed class CalendarAndPolicyTests(RatesHost host)
{
    private static readonly DateOnly Mon = Hotel.Monday;

    [Fact]
    public async Task Prices_fill_a_range_by_weekday_and_the_calendar_shows_their_source()
    {
        var hotel = await Hotel.CreateAsync(host, 100m, 150m);
        var bar = await hotel.PlanIdAsync(host, "BAR");
        var filled = await host.SendExpectingAsync(200, HttpMethod.Put, $"{hotel.Base}/rate-plans/{bar}/prices", hotel.Owner.AccessToken,
            new { from = Mon, to = Mon.AddDays(13), weekdays = new[] { "FRI", "SAT" }, amount = 135.5m });
        filled.GetProperty("roomTypes").GetInt32().ShouldBe(2);
        filled.GetProperty("rows").GetInt32().ShouldBe(8);
        await hotel.RestrictAsync(host, bar, Mon.AddDays(5), Mon.AddDays(5), new { minLos = 2, closedToArrival = true });

        var calendar = await host.SendExpectingAsync(200, HttpMethod.Get,
            $"{hotel.Base}/rate-plans/{bar}/calendar?roomTypeId={hotel.RoomTypeId}&from={Mon:yyyy-MM-dd}&to={Mon.AddDays(6):yyyy-MM-dd}", hotel.Owner.AccessToken);
        var nights = calendar.GetProperty("nights").EnumerateArray().ToList();
        nights.Select(n => n.GetProperty("amount").GetDecimal()).ShouldBe([100m, 100m, 100m, 100m, 135.5m, 135.5m, 100m]);
        nights.Select(n => n.GetProperty("priceSource").GetString()).Distinct().ShouldBe(["DEFAULT", "CALENDAR"], ignoreOrder: true);
        nights[5].GetProperty("minLos").GetInt32().ShouldBe(2);
        nights[5].GetProperty("closedToArrival").GetBoolean().ShouldBeTrue();
        calendar.GetProperty("currency").GetString().ShouldBe("EUR");

        var noPrice = await hotel.CreatePlanAsync(host, "EMPTY");
        var empty = await host.SendExpectingAsync(200, HttpMethod.Get,
            $"{hotel.Base}/rate-plans/{noPrice}/calendar?roomTypeId={hotel.RoomTypeId}&from={Mon:yyyy-MM-dd}&to={Mon:yyyy-MM-dd}", hotel.Owner.AccessToken);
        empty.GetProperty("nights")[0].GetProperty("amount").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Fills_refuse_derived_plans_foreign_room_types_and_bad_fields()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var bar = await hotel.PlanIdAsync(host, "BAR");
        var derived = await hotel.CreatePlanAsync(host, "MEMBER", new { basePlanId = bar, offsetKind = "PERCENT", offsetValue = -5 });
        var refused = await host.SendExpectingAsync(422, HttpMethod.Put, $"{hotel.Base}/rate-plans/{derived}/prices", hotel.Owner.AccessToken,
            new { from = Mon, to = Mon, amount = 10 });
        refused.GetProperty("code").GetString().ShouldBe("derived-plan-price");
        await host.SendExpectingAsync(422, HttpMethod.Put, $"{hotel.Base}/rate-plans/{bar}/prices", hotel.Owner.AccessToken,
            new { roomTypeIds = new[] { Guid.NewGuid() }, from = Mon, to = Mon, amount = 10 });
        var bad = await host.SendExpectingAsync(400, HttpMethod.Put, $"{hotel.Base}/rate-plans/{bar}/restrictions", hotel.Owner.AccessToken,
            new { from = Mon, to = Mon.AddDays(-1), weekdays = new[] { "monday" }, minLos = 0, maxLos = 500 });
        RatePlanApiTests.Fields(bad).ShouldBe(["to", "weekdays", "minLos", "maxLos"], ignoreOrder: true);
        var read = await host.SendExpectingAsync(400, HttpMethod.Get, $"{hotel.Base}/rate-plans/{bar}/calendar?from=2030-01-01&to=2031-06-01", hotel.Owner.AccessToken);
        RatePlanApiTests.Fields(read).ShouldBe(["to", "roomTypeId"], ignoreOrder: true);
        await host.SendExpectingAsync(404, HttpMethod.Get,
            $"{hotel.Base}/rate-plans/{bar}/calendar?roomTypeId={Guid.NewGuid()}&from=2030-01-01&to=2030-01-02", hotel.Owner.AccessToken);
    }

    [Fact]
    public async Task The_policy_comes_from_the_property_else_the_tenant_else_the_default()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var path = $"{hotel.Base}/rate-policy";
        var initial = await host.SendExpectingAsync(200, HttpMethod.Get, path, hotel.Owner.AccessToken);
        initial.GetProperty("scope").GetString().ShouldBe("DEFAULT");
        initial.GetProperty("allowFallback").GetBoolean().ShouldBeTrue();

        await host.SendExpectingAsync(200, HttpMethod.Put, "/v1/rate-policy", hotel.Owner.AccessToken,
            new { allowFallback = false, notifyRecipients = new[] { "group-rm@example.test" } }, RatePlanApiTests.IfMatch(0));
        var inherited = await host.SendExpectingAsync(200, HttpMethod.Get, path, hotel.Owner.AccessToken);
        inherited.GetProperty("scope").GetString().ShouldBe("TENANT");
        inherited.GetProperty("allowFallback").GetBoolean().ShouldBeFalse();

        var own = await host.SendExpectingAsync(200, HttpMethod.Put, path, hotel.Owner.AccessToken, new { allowFallback = true, maxPriceDelta = 50 });
        own.GetProperty("scope").GetString().ShouldBe("PROPERTY");
        own.GetProperty("version").GetInt32().ShouldBe(1);
        var stale = await host.SendExpectingAsync(409, HttpMethod.Put, path, hotel.Owner.AccessToken, new { allowFallback = true }, RatePlanApiTests.IfMatch(0));
        stale.GetProperty("code").GetString().ShouldBe("version-mismatch");
        await host.SendExpectingAsync(200, HttpMethod.Put, path, hotel.Owner.AccessToken, new { allowFallback = true }, RatePlanApiTests.IfMatch(1));
        (await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/rate-policy", hotel.Owner.AccessToken)).GetProperty("scope").GetString().ShouldBe("TENANT");

        var bad = await host.SendExpectingAsync(400, HttpMethod.Put, path, hotel.Owner.AccessToken,
            new { maxPriceDelta = -1, notifyRecipients = new[] { "nobody" } });
        RatePlanApiTests.Fields(bad).ShouldBe(["allowFallback", "maxPriceDelta", "notifyRecipients"], ignoreOrder: true);
    }
}
