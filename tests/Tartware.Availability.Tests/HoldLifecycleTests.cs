using System.Net;
using System.Text.Json;
using Shouldly;
using Tartware.Availability.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Availability.Tests;

[Collection(AvailabilityHostCollection.Name)]
public sealed class HoldLifecycleTests(AvailabilityHost host)
{
    private static readonly DateOnly Arrival = Hotel.Day0.AddDays(40);

    [Fact]
    public async Task An_expired_hold_returns_its_nights_within_a_sweep_and_cannot_be_released_after()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var hold = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(2), ttl: 1));
        var id = hold.GetProperty("id").GetGuid();
        Grid.Min(await hotel.GridAsync(host, Arrival, Arrival.AddDays(2)), "available").ShouldBe(0);

        await Eventually.HoldsAsync(async () =>
            (await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/availability/locks/{id}", hotel.Session.AccessToken))
                .GetProperty("status").GetString() == "EXPIRED",
            TimeSpan.FromSeconds(15), "the sweeper expires the hold");

        Grid.Min(await hotel.GridAsync(host, Arrival, Arrival.AddDays(2)), "held").ShouldBe(0);
        var release = await host.SendAsync(HttpMethod.Delete, $"/v1/availability/locks/{id}", hotel.Session.AccessToken);
        release.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CodeAsync(release)).ShouldBe("lock-not-active");
        var audit = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/availability/locks/{id}/audit", hotel.Session.AccessToken);
        audit.EnumerateArray().Select(e => e.GetProperty("event").GetString()).ShouldBe(["CREATED", "EXPIRED"]);
    }

    [Fact]
    public async Task A_released_hold_frees_its_rooms_once_and_a_second_release_is_a_conflict()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var hold = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(3), quantity: 2));
        var id = hold.GetProperty("id").GetGuid();
        (await host.SendAsync(HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken, Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(1))))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await host.SendAsync(HttpMethod.Delete, $"/v1/availability/locks/{id}", hotel.Session.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await host.SendAsync(HttpMethod.Delete, $"/v1/availability/locks/{id}", hotel.Session.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Grid.Min(await hotel.GridAsync(host, Arrival, Arrival.AddDays(3)), "available").ShouldBe(2);
    }

    [Fact]
    public async Task No_availability_answer_names_the_nights_that_lack_inventory()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            Hotel.HoldBody(hotel, Arrival.AddDays(1), Arrival.AddDays(2)));
        var refused = await host.SendAsync(HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken, Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(3)));
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("no-availability");
        problem.GetProperty("nights").EnumerateArray().Select(n => n.GetProperty("night").GetString()).ShouldBe([Arrival.AddDays(1).ToString("yyyy-MM-dd")]);
        Grid.Sum(await hotel.GridAsync(host, Arrival, Arrival.AddDays(3)), "held").ShouldBe(1); // nothing of the refused stay was taken
    }

    [Fact]
    public async Task Same_key_with_another_request_is_a_conflict_and_bulk_release_reports_each_lock()
    {
        var hotel = await Hotel.CreateAsync(host, 3);
        var a = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(1), key: "k1"));
        var reused = await host.SendAsync(HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(2), key: "k1"));
        reused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CodeAsync(reused)).ShouldBe("idempotency-key-reused");

        var b = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(1), key: "k2"));
        var idA = a.GetProperty("id").GetGuid();
        var idB = b.GetProperty("id").GetGuid();
        await host.SendExpectingAsync(204, HttpMethod.Delete, $"/v1/availability/locks/{idB}", hotel.Session.AccessToken);
        var unknown = Guid.NewGuid();
        var bulk = await host.SendExpectingAsync(200, HttpMethod.Post, "/v1/availability/locks/bulk-release", hotel.Session.AccessToken,
            new { lockIds = new[] { idA, idB, unknown }, reason = "group cancelled" });
        bulk.GetProperty("released").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([idA]);
        bulk.GetProperty("notActive").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([idB]);
        bulk.GetProperty("notFound").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([unknown]);
    }

    [Fact]
    public async Task Manual_release_needs_a_reason_and_a_manager_and_is_audited()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var hold = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(1)));
        var id = hold.GetProperty("id").GetGuid();
        var staff = await hotel.UserTokenAsync(host, "STAFF");
        (await host.SendAsync(HttpMethod.Post, $"/v1/availability/locks/{id}/manual-release", staff, new { reason = "stuck" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.SendAsync(HttpMethod.Post, $"/v1/availability/locks/{id}/manual-release", hotel.Session.AccessToken, new { }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var released = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/availability/locks/{id}/manual-release",
            hotel.Session.AccessToken, new { reason = "guest called: stuck hold" });
        released.GetProperty("status").GetString().ShouldBe("RELEASED");
        var audit = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/availability/locks/{id}/audit", hotel.Session.AccessToken);
        var last = audit.EnumerateArray().Last();
        last.GetProperty("event").GetString().ShouldBe("MANUAL_RELEASE");
        last.GetProperty("reason").GetString().ShouldBe("guest called: stuck hold");
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from availability.outbox where event_type = 'inventory.released.v1' and message_key = $1",
            hold.GetProperty("idempotencyKey").GetString()!))
            .ShouldBe(1);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();
}
