using System.Net;
using System.Text.Json;
using Shouldly;
using Tartware.Rates.Tests.Infrastructure;
using Xunit;

using Hotel = Tartware.Rates.Tests.Infrastructure.Hotel;

namespace Tartware.Rates.Tests.Api;

[Collection(RatesHostCollection.Name)]
public sealed class RatePlanApiTests(RatesHost host)
{
    [Fact]
    public async Task A_new_property_has_BAR_and_RACK_priced_from_its_room_type_base_rates()
    {
        var hotel = await Hotel.CreateAsync(host, 100m, 149.99m);

        var page = await host.SendExpectingAsync(200, HttpMethod.Get, $"{hotel.Base}/rate-plans", hotel.Owner.AccessToken);
        var plans = page.GetProperty("items").EnumerateArray().ToList();
        plans.Select(p => p.GetProperty("code").GetString()).ShouldBe(["BAR", "RACK"]);
        plans.ShouldAllBe(p => p.GetProperty("isSystem").GetBoolean() && p.GetProperty("status").GetString() == "ACTIVE");
        Rates(plans[0]).ShouldBe(new Dictionary<Guid, decimal> { [hotel.RoomTypeIds[0]] = 100m, [hotel.RoomTypeIds[1]] = 149.99m });
        Rates(plans[1]).ShouldBe(new Dictionary<Guid, decimal> { [hotel.RoomTypeIds[0]] = 120m, [hotel.RoomTypeIds[1]] = 179.99m });
    }

    [Fact]
    public async Task Plans_are_created_read_replaced_and_deleted_with_etags()
    {
        var hotel = await Hotel.CreateAsync(host);
        using var created = await host.SendAsync(HttpMethod.Post, $"{hotel.Base}/rate-plans", hotel.Owner.AccessToken,
            new
            {
                code = " corp-acme ",
                name = "ACME corporate",
                type = "CORPORATE",
                channels = new[] { "DIRECT", "CALL_CENTER" },
                cancellation = new { windowHours = 48, penalty = "PERCENT", penaltyPercent = 50 },
                validFrom = "2030-01-01",
                validUntil = "2030-12-31"
            });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var plan = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        plan.GetProperty("code").GetString().ShouldBe("CORP-ACME");
        plan.GetProperty("cancellation").GetProperty("penaltyPercent").GetDecimal().ShouldBe(50m);
        var path = $"{hotel.Base}/rate-plans/{plan.GetProperty("id").GetGuid()}";

        var replace = new { name = "ACME (2030)", status = "INACTIVE", channels = new[] { "DIRECT" } };
        await host.SendExpectingAsync(409, HttpMethod.Put, path, hotel.Owner.AccessToken, replace, IfMatch(7));
        var updated = await host.SendExpectingAsync(200, HttpMethod.Put, path, hotel.Owner.AccessToken, replace, IfMatch(1));
        updated.GetProperty("version").GetInt32().ShouldBe(2);
        updated.GetProperty("status").GetString().ShouldBe("INACTIVE");
        updated.GetProperty("validFrom").ValueKind.ShouldBe(JsonValueKind.Null, "PUT replaces: an absent window is cleared");
        var stale = await host.SendExpectingAsync(409, HttpMethod.Delete, path, hotel.Owner.AccessToken, null, IfMatch(1));
        stale.GetProperty("code").GetString().ShouldBe("version-mismatch");

        using var deleted = await host.SendAsync(HttpMethod.Delete, path, hotel.Owner.AccessToken, null, IfMatch(2));
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await host.SendExpectingAsync(404, HttpMethod.Get, path, hotel.Owner.AccessToken);
    }

    [Fact]
    public async Task A_duplicate_code_is_a_409_and_BAR_and_RACK_are_reserved()
    {
        var hotel = await Hotel.CreateAsync(host);
        await hotel.CreatePlanAsync(host, "SUMMER");
        var duplicate = await host.SendExpectingAsync(409, HttpMethod.Post, $"{hotel.Base}/rate-plans", hotel.Owner.AccessToken,
            new { code = "summer", name = "Again", type = "PROMO" });
        duplicate.GetProperty("code").GetString().ShouldBe("rate-plan-code-taken");
        var reserved = await host.SendExpectingAsync(400, HttpMethod.Post, $"{hotel.Base}/rate-plans", hotel.Owner.AccessToken,
            new { code = "BAR", name = "Mine", type = "BAR" });
        Fields(reserved).ShouldBe(["code", "type"], ignoreOrder: true);
    }

    [Fact]
    public async Task BAR_and_RACK_cannot_be_deleted_or_deactivated()
    {
        var hotel = await Hotel.CreateAsync(host);
        foreach (var code in new[] { "BAR", "RACK" })
        {
            var id = await hotel.PlanIdAsync(host, code);
            var refused = await host.SendExpectingAsync(409, HttpMethod.Delete, $"{hotel.Base}/rate-plans/{id}", hotel.Owner.AccessToken);
            refused.GetProperty("code").GetString().ShouldBe("rate-plan-protected");
            refused.GetProperty("detail").GetString()!.ShouldContain("always has BAR and RACK");
            var inactive = await host.SendExpectingAsync(422, HttpMethod.Put, $"{hotel.Base}/rate-plans/{id}", hotel.Owner.AccessToken,
                new { name = "Off", status = "INACTIVE" });
            inactive.GetProperty("code").GetString().ShouldBe("rate-plan-protected");
        }

        // Renaming and new terms are fine.
        var bar = await hotel.PlanIdAsync(host, "BAR");
        var renamed = await host.SendExpectingAsync(200, HttpMethod.Put, $"{hotel.Base}/rate-plans/{bar}", hotel.Owner.AccessToken,
            new { name = "Best flexible rate", cancellation = new { windowHours = 6, penalty = "NONE" } });
        renamed.GetProperty("name").GetString().ShouldBe("Best flexible rate");
    }

    [Fact]
    public async Task Derived_plans_need_a_base_of_the_same_property_that_is_not_derived_and_protect_it()
    {
        var hotel = await Hotel.CreateAsync(host);
        var bar = await hotel.PlanIdAsync(host, "BAR");
        var member = await hotel.CreatePlanAsync(host, "MEMBER", new { type = "MEMBER", basePlanId = bar, offsetKind = "PERCENT", offsetValue = -10 });
        var chained = await host.SendExpectingAsync(422, HttpMethod.Post, $"{hotel.Base}/rate-plans", hotel.Owner.AccessToken,
            new { code = "MEMBER2", name = "x", type = "MEMBER", basePlanId = member, offsetKind = "ABSOLUTE", offsetValue = -5 });
        chained.GetProperty("detail").GetString()!.ShouldContain("itself derived");
        await host.SendExpectingAsync(422, HttpMethod.Post, $"{hotel.Base}/rate-plans", hotel.Owner.AccessToken,
            new { code = "GHOST", name = "x", type = "PROMO", basePlanId = Guid.NewGuid(), offsetKind = "ABSOLUTE", offsetValue = 1 });
        var missingOffset = await host.SendExpectingAsync(400, HttpMethod.Post, $"{hotel.Base}/rate-plans", hotel.Owner.AccessToken,
            new { code = "HALF", name = "x", type = "PROMO", basePlanId = bar });
        Fields(missingOffset).ShouldBe(["offsetKind", "offsetValue"], ignoreOrder: true);

        var promo = await hotel.CreatePlanAsync(host, "PROMO1");
        await hotel.CreatePlanAsync(host, "PROMO1D", new { basePlanId = promo, offsetKind = "ABSOLUTE", offsetValue = 5 });
        var inUse = await host.SendExpectingAsync(409, HttpMethod.Delete, $"{hotel.Base}/rate-plans/{promo}", hotel.Owner.AccessToken);
        inUse.GetProperty("code").GetString().ShouldBe("rate-plan-in-use");
    }

    [Fact]
    public async Task Listing_pages_by_code_filters_and_lists_every_bad_field()
    {
        var hotel = await Hotel.CreateAsync(host);
        await hotel.CreatePlanAsync(host, "AAA");
        await hotel.CreatePlanAsync(host, "ZZZ", new { status = "INACTIVE" });
        var first = await host.SendExpectingAsync(200, HttpMethod.Get, $"{hotel.Base}/rate-plans?limit=2", hotel.Owner.AccessToken);
        first.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ShouldBe(["AAA", "BAR"]);
        var next = first.GetProperty("next").GetString();
        var second = await host.SendExpectingAsync(200, HttpMethod.Get, $"{hotel.Base}/rate-plans?limit=2&after={next}", hotel.Owner.AccessToken);
        second.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ShouldBe(["RACK", "ZZZ"]);
        var inactive = await host.SendExpectingAsync(200, HttpMethod.Get, $"{hotel.Base}/rate-plans?status=INACTIVE", hotel.Owner.AccessToken);
        inactive.GetProperty("items").GetArrayLength().ShouldBe(1);
        var system = await host.SendExpectingAsync(200, HttpMethod.Get, $"{hotel.Base}/rate-plans?type=RACK", hotel.Owner.AccessToken);
        system.GetProperty("items").GetArrayLength().ShouldBe(1);

        var bad = await host.SendExpectingAsync(400, HttpMethod.Get, $"{hotel.Base}/rate-plans?status=open&type=CHEAP&limit=0", hotel.Owner.AccessToken);
        Fields(bad).ShouldBe(["status", "type", "limit"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_bad_plan_lists_every_invalid_field()
    {
        var hotel = await Hotel.CreateAsync(host);
        var bad = await host.SendExpectingAsync(400, HttpMethod.Post, $"{hotel.Base}/rate-plans", hotel.Owner.AccessToken,
            new
            {
                code = "x",
                name = "",
                type = "FREE",
                status = "MAYBE",
                channels = new[] { "DIRECT", "DIRECT" },
                validFrom = "2030-02-01",
                validUntil = "2030-01-01",
                cancellation = new { windowHours = -1, penalty = "PERCENT" }
            });
        Fields(bad).ShouldBe(["code", "name", "type", "status", "channels", "validUntil", "cancellation.windowHours", "cancellation.penaltyPercent"],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Plans_of_an_unknown_property_are_not_found()
    {
        var hotel = await Hotel.CreateAsync(host);
        await host.SendExpectingAsync(404, HttpMethod.Get, $"/v1/properties/{Guid.NewGuid()}/rate-plans", hotel.Owner.AccessToken);
        await host.SendExpectingAsync(404, HttpMethod.Post, $"/v1/properties/{Guid.NewGuid()}/rate-plans", hotel.Owner.AccessToken,
            new { code = "ABC", name = "x", type = "PROMO" });
        await host.SendExpectingAsync(404, HttpMethod.Get, $"{hotel.Base}/rate-plans/{Guid.NewGuid()}", hotel.Owner.AccessToken);
    }

    internal static Dictionary<string, string> IfMatch(int version) => new() { ["If-Match"] = $"\"{version}\"" };

    internal static string[] Fields(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    private static Dictionary<Guid, decimal> Rates(JsonElement plan) =>
        plan.GetProperty("roomRates").EnumerateArray().ToDictionary(r => r.GetProperty("roomTypeId").GetGuid(), r => r.GetProperty("amount").GetDecimal());
}
