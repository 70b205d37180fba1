using System.Text;
using Shouldly;
using Tartware.Rates.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

using Hotel = Tartware.Rates.Tests.Infrastructure.Hotel;

namespace Tartware.Rates.Tests.Api;

[Collection(RatesHostCollection.Name)]
public sealed class SecurityTests(RatesHost host)
{
    private static readonly DateOnly Mon = Hotel.Monday;

    [Fact]
    public async Task Every_rates_endpoint_is_walled_off_from_other_tenants()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var intruder = await host.NewTenantSessionAsync();
        var bar = await hotel.PlanIdAsync(host, "BAR");
        var promo = await hotel.CreatePlanAsync(host, "PROMO");
        var b = hotel.Base;
        var window = "from=2030-01-01&to=2030-01-31";
        var range = new { from = Mon, to = Mon, amount = 10 };
        CrossTenantProbe[] probes =
        [
            new(HttpMethod.Get, $"{b}/rate-plans"),
            new(HttpMethod.Get, $"{b}/rate-plans/{bar}"),
            new(HttpMethod.Post, $"{b}/rate-plans", new { code = "INTRUDE", name = "x", type = "PROMO" }),
            new(HttpMethod.Put, $"{b}/rate-plans/{promo}", new { name = "mine now" }),
            new(HttpMethod.Delete, $"{b}/rate-plans/{promo}"),
            new(HttpMethod.Get, $"{b}/rate-plans/{bar}/calendar?roomTypeId={hotel.RoomTypeId}&{window}"),
            new(HttpMethod.Put, $"{b}/rate-plans/{bar}/prices", range),
            new(HttpMethod.Put, $"{b}/rate-plans/{bar}/restrictions", new { from = Mon, to = Mon, closed = true }),
            new(HttpMethod.Get, hotel.QuotePath(Mon, 2)),
            new(HttpMethod.Get, $"{b}/rate-policy"),
            new(HttpMethod.Put, $"{b}/rate-policy", new { allowFallback = false }),
            new(HttpMethod.Get, $"{b}/rate-fallbacks/stats?{window}"),
            new(HttpMethod.Post, $"{b}/rate-fallbacks/rerate", new { from = "2030-01-01", to = "2030-01-02" }),
        ];

        await CrossTenantMatrix.AssertWalledAsync(host, hotel.Owner, intruder, probes);

        // The tenant-level policy has no id to guess: each tenant sees and sets only its own.
        await host.SendExpectingAsync(200, HttpMethod.Put, "/v1/rate-policy", intruder.AccessToken, new { allowFallback = false });
        (await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/rate-policy", hotel.Owner.AccessToken)).GetProperty("scope").GetString().ShouldBe("DEFAULT");
        (await host.SendExpectingAsync(200, HttpMethod.Get, $"{b}/rate-plans/{promo}", hotel.Owner.AccessToken)).GetProperty("name").GetString()
            .ShouldBe("PROMO plan");
    }

    [Fact]
    public async Task Roles_below_the_permission_get_403()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var bar = await hotel.PlanIdAsync(host, "BAR");
        var viewer = await hotel.UserTokenAsync(host, "VIEWER");
        var staff = await hotel.UserTokenAsync(host, "STAFF");
        var manager = await hotel.UserTokenAsync(host, "MANAGER");
        var plan = new { code = "STAFFPICK", name = "x", type = "PROMO" };

        await host.SendExpectingAsync(200, HttpMethod.Get, $"{hotel.Base}/rate-plans", viewer);
        await host.SendExpectingAsync(200, HttpMethod.Get, hotel.QuotePath(Mon, 2), viewer);
        await host.SendExpectingAsync(200, HttpMethod.Get, $"{hotel.Base}/rate-policy", viewer);
        (await host.SendExpectingAsync(403, HttpMethod.Post, $"{hotel.Base}/rate-plans", viewer, plan)).GetProperty("code").GetString().ShouldBe("forbidden");
        await host.SendExpectingAsync(403, HttpMethod.Post, $"{hotel.Base}/rate-plans", staff, plan);
        await host.SendExpectingAsync(403, HttpMethod.Put, $"{hotel.Base}/rate-plans/{bar}/prices", staff, new { from = Mon, to = Mon, amount = 1 });
        await host.SendExpectingAsync(403, HttpMethod.Put, $"{hotel.Base}/rate-plans/{bar}/restrictions", staff, new { from = Mon, to = Mon });
        await host.SendExpectingAsync(403, HttpMethod.Put, $"{hotel.Base}/rate-policy", staff, new { allowFallback = false });
        await host.SendExpectingAsync(403, HttpMethod.Post, $"{hotel.Base}/rate-fallbacks/rerate", staff, new { from = Mon, to = Mon });
        await host.SendExpectingAsync(403, HttpMethod.Delete, $"{hotel.Base}/rate-plans/{bar}", staff);

        await host.SendExpectingAsync(201, HttpMethod.Post, $"{hotel.Base}/rate-plans", manager, plan);
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{hotel.Base}/rate-policy", manager, new { allowFallback = true });
        await host.SendExpectingAsync(403, HttpMethod.Put, "/v1/rate-policy", manager, new { allowFallback = false });
        await host.SendExpectingAsync(401, HttpMethod.Get, $"{hotel.Base}/rate-plans", null);
    }

    [Fact]
    public async Task Without_a_tenant_every_rates_table_shows_zero_rows()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        await QuoteApiTests.Promo(host, hotel, restriction: (Mon, new { closed = true }));
        await host.SendExpectingAsync(200, HttpMethod.Put, $"{hotel.Base}/rate-policy", hotel.Owner.AccessToken, new { allowFallback = true });

        var tables = (await TenantSql.TenantTablesAsync()).Where(t => t.StartsWith("rates.", StringComparison.Ordinal)).ToList();
        tables.Count.ShouldBe(8);
        foreach (var table in tables)
        {
            (await TenantSql.CountWithoutTenantAsync(table)).ShouldBe(0, table);
        }

        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Owner.TenantId, "select count(*) from rates.rate_restrictions")).ShouldBe(1);
    }

    public static TheoryData<string, string, string?> BadInputs => new()
    {
        { "POST", "rate-plans", "{" },
        { "POST", "rate-plans", "[]" },
        { "POST", "rate-plans", """{"code":5}""" },
        { "POST", "rate-plans", """{"code":"ABC","name":"x","type":"PROMO","validFrom":"2030-13-45"}""" },
        { "POST", "rate-plans", """{"code":"ABC","name":"x","type":"PROMO","basePlanId":"nope"}""" },
        { "POST", "rate-plans", """{"code":"ABC","name":"x","type":"PROMO","offsetValue":1e40}""" },
        { "POST", "rate-plans", """{"code":"ABC","name":"x","type":"PROMO","channels":["DIRECT",null],"cancellation":{"windowHours":99999999999}}""" },
        { "POST", "rate-plans", "{\"code\":\"ABC\",\"name\":\"" + new string('x', 300) + "\",\"type\":\"PROMO\",\"description\":\"" + new string('y', 3000) + "\"}" },
        { "PUT", "rate-plans/{bar}", """{"name":"x","offsetKind":"PERCENT","offsetValue":5}""" },
        { "PUT", "rate-plans/{bar}", "null" },
        { "PUT", "rate-plans/{bar}/prices", """{"from":"2030-01-01","to":"2030-01-02","amount":"lots"}""" },
        { "PUT", "rate-plans/{bar}/prices", """{"from":"2030-01-01","to":"2030-01-02","amount":1e30}""" },
        { "PUT", "rate-plans/{bar}/prices", """{"from":"9999-12-31","to":"9999-12-31","amount":1}""" },
        { "PUT", "rate-plans/{bar}/prices", """{"from":"2030-01-01","to":"2030-01-02","amount":10,"roomTypeIds":[null]}""" },
        { "PUT", "rate-plans/{bar}/restrictions", """{"from":"0001-01-01","to":"0001-01-02","minLos":2147483647}""" },
        { "PUT", "rate-policy", """{"allowFallback":"yes"}""" },
        { "PUT", "rate-policy", """{"allowFallback":true,"maxPriceDelta":1e27,"notifyRecipients":[null]}""" },
        { "POST", "rate-fallbacks/rerate", """{"from":"9999-12-31","to":"9999-12-31"}""" },
        { "POST", "rate-fallbacks/rerate", "{}" },
        { "GET", "rates/quote?roomTypeId={rt}&arrival=yesterday&departure=2030-01-02", null },
        { "GET", "rates/quote?roomTypeId={rt}&arrival=2030-01-01&departure=2030-01-02&adults=99999999999", null },
        { "GET", "rates/quote?roomTypeId={rt}&arrival=9999-12-30&departure=9999-12-31", null },
        { "GET", "rates/quote?roomTypeId={rt}&arrival=2030-01-01&departure=2030-01-02&rateCode=" + new string('A', 500), null },
        { "GET", "rates/quote?roomTypeId={rt}&arrival=2030-01-01&departure=2030-01-02&source=OTA&partnerId=%E2%98%83%E2%98%83", null },
        { "GET", "rate-plans/{bar}/calendar?roomTypeId={rt}&from=2030-02-30&to=2030-03-01", null },
        { "GET", "rate-plans/{bar}/calendar?roomTypeId={rt}&from=9999-12-31&to=9999-12-31", null },
        { "GET", "rate-fallbacks/stats?from=9999-12-31&to=9999-12-31", null },
        { "GET", "rate-plans?limit=abc", null },
        { "GET", "rate-plans/not-a-guid", null },
        { "DELETE", "rate-plans/{bar}", null },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_problem_never_a_500(string method, string path, string? body)
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var bar = await hotel.PlanIdAsync(host, "BAR");
        var request = new HttpRequestMessage(new HttpMethod(method),
            $"{hotel.Base}/{path.Replace("{bar}", bar.ToString(), StringComparison.Ordinal).Replace("{rt}", hotel.RoomTypeId.ToString(), StringComparison.Ordinal)}");
        request.Headers.Authorization = new("Bearer", hotel.Owner.AccessToken);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeOneOf([400, 404, 409, 422], text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
    }

    [Fact]
    public async Task Bad_etags_are_a_400()
    {
        var hotel = await Hotel.CreateAsync(host, 100m);
        var promo = await hotel.CreatePlanAsync(host, "PROMO");
        var headers = new Dictionary<string, string> { ["If-Match"] = "version-one" };
        await host.SendExpectingAsync(400, HttpMethod.Put, $"{hotel.Base}/rate-plans/{promo}", hotel.Owner.AccessToken, new { name = "x" }, headers);
        await host.SendExpectingAsync(400, HttpMethod.Put, $"{hotel.Base}/rate-policy", hotel.Owner.AccessToken, new { allowFallback = true }, headers);
        (await host.SendExpectingAsync(404, HttpMethod.Put, $"{hotel.Base}/rate-plans/{Guid.NewGuid()}", hotel.Owner.AccessToken, new { name = "x" }))
            .GetProperty("code").GetString().ShouldBe("not-found");
    }
}
