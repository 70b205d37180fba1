using Tartware.Testing;
using System.Net;
using System.Text.Json;
using Shouldly;
using Tartware.Availability.Tests.Infrastructure;
using Xunit;

namespace Tartware.Availability.Tests;

[Collection(AvailabilityHostCollection.Name)]
public sealed class MaintenanceTests(AvailabilityHost host)
{
    private static readonly DateOnly Arrival = Hotel.Day0.AddDays(80);

    [Fact]
    public async Task Out_of_order_on_a_fully_sold_night_is_refused_with_the_reservations_unless_forced_then_shows_negative()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var claims = new ConcurrencyTests(host);
        var keys = new[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() };
        foreach (var key in keys)
        {
            (await claims.ClaimAsync(hotel, key, Arrival, Arrival.AddDays(2))).Succeeded.ShouldBeTrue();
        }

        var room = hotel.RoomIds[0][0];
        var body = new { from = Arrival, to = Arrival.AddDays(1), reason = "leaking pipe", idempotencyKey = "ooo-1" };
        var refused = await host.SendAsync(HttpMethod.Post, $"/v1/rooms/{room}/out-of-order", hotel.Session.AccessToken, body);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("no-availability");
        problem.GetProperty("reservations").EnumerateArray().Select(r => r.GetString()).ShouldBe(keys.Order(StringComparer.Ordinal), ignoreOrder: true);

        var forced = await host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/rooms/{room}/out-of-order", hotel.Session.AccessToken,
            new { from = Arrival, to = Arrival.AddDays(1), reason = "leaking pipe", idempotencyKey = "ooo-2", force = true });
        forced.GetProperty("forced").GetBoolean().ShouldBeTrue();
        forced.GetProperty("reason").GetString().ShouldBe("leaking pipe");
        var night = Grid.Nights(await hotel.GridAsync(host, Arrival, Arrival.AddDays(1))).Single();
        night.GetProperty("blocked").GetInt32().ShouldBe(1);
        night.GetProperty("available").GetInt32().ShouldBe(-1);

        // Releasing the block brings the night back to zero, and new claims stay refused meanwhile.
        (await claims.ClaimAsync(hotel, Guid.NewGuid().ToString(), Arrival, Arrival.AddDays(1))).Succeeded.ShouldBeFalse();
        await host.SendExpectingAsync(204, HttpMethod.Delete, $"/v1/availability/locks/{forced.GetProperty("id").GetGuid()}", hotel.Session.AccessToken);
        Grid.Nights(await hotel.GridAsync(host, Arrival, Arrival.AddDays(1))).Single().GetProperty("available").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_blackout_closes_every_room_of_a_type_and_staff_may_not_set_one()
    {
        var hotel = await Hotel.CreateAsync(host, 3, 2);
        var staff = await hotel.UserTokenAsync(host, "STAFF");
        var body = new { roomTypeId = hotel.RoomTypeIds[0], from = Arrival, to = Arrival.AddDays(2), reason = "renovation", idempotencyKey = "b1" };
        (await host.SendAsync(HttpMethod.Post, $"/v1/properties/{hotel.PropertyId}/blackouts", staff, body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/properties/{hotel.PropertyId}/blackouts", hotel.Session.AccessToken, body);
        var closed = await hotel.GridAsync(host, Arrival, Arrival.AddDays(2));
        Grid.Nights(closed).ShouldAllBe(n => n.GetProperty("blocked").GetInt32() == 3 && n.GetProperty("available").GetInt32() == 0);
        Grid.Min(await hotel.GridAsync(host, Arrival, Arrival.AddDays(2), type: 1), "available").ShouldBe(2); // the other type is open

        // A room added to the closed type stays closed too: the blackout follows the room count.
        await host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/properties/{hotel.PropertyId}/rooms", hotel.Session.AccessToken,
            new { number = "199", floor = 1, roomTypeId = hotel.RoomTypeIds[0] });
        Grid.Nights(await hotel.GridAsync(host, Arrival, Arrival.AddDays(2))).ShouldAllBe(n =>
            n.GetProperty("capacity").GetInt32() == 4 && n.GetProperty("blocked").GetInt32() == 4);
    }

    [Fact]
    public async Task Room_changes_move_capacity_and_a_removal_that_would_oversell_is_refused()
    {
        var hotel = await Hotel.CreateAsync(host, 2, 1);
        var claims = new ConcurrencyTests(host);
        (await claims.ClaimAsync(hotel, Guid.NewGuid().ToString(), Arrival, Arrival.AddDays(1))).Succeeded.ShouldBeTrue();
        (await claims.ClaimAsync(hotel, Guid.NewGuid().ToString(), Arrival, Arrival.AddDays(1))).Succeeded.ShouldBeTrue();

        var room = hotel.RoomIds[0][0];
        var delete = await host.SendAsync(HttpMethod.Delete, $"/v1/properties/{hotel.PropertyId}/rooms/{room}", hotel.Session.AccessToken);
        delete.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var retype = await host.SendAsync(HttpMethod.Patch, $"/v1/properties/{hotel.PropertyId}/rooms/{room}", hotel.Session.AccessToken,
            new { roomTypeId = hotel.RoomTypeIds[1] });
        retype.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Grid.Nights(await hotel.GridAsync(host, Arrival, Arrival.AddDays(1))).Single().GetProperty("capacity").GetInt32().ShouldBe(2);


        // Where nothing is sold, a retype moves one room of capacity across and a removal takes one away.
        var quiet = await Hotel.CreateAsync(host, 2, 1);
        await quiet.GridAsync(host, Arrival, Arrival.AddDays(2));
        await quiet.GridAsync(host, Arrival, Arrival.AddDays(2), type: 1);
        await host.SendExpectingAsync(200, HttpMethod.Patch, $"/v1/properties/{quiet.PropertyId}/rooms/{quiet.RoomIds[0][0]}", quiet.Session.AccessToken,
            new { roomTypeId = quiet.RoomTypeIds[1] });
        Grid.Min(await quiet.GridAsync(host, Arrival, Arrival.AddDays(2)), "capacity").ShouldBe(1);
        Grid.Min(await quiet.GridAsync(host, Arrival, Arrival.AddDays(2), type: 1), "capacity").ShouldBe(2);
        await host.SendExpectingAsync(204, HttpMethod.Delete, $"/v1/properties/{quiet.PropertyId}/rooms/{quiet.RoomIds[1][0]}", quiet.Session.AccessToken);
        Grid.Min(await quiet.GridAsync(host, Arrival, Arrival.AddDays(2), type: 1), "capacity").ShouldBe(1);
    }

    [Fact]
    public async Task A_room_set_out_of_order_by_status_blocks_from_today_until_it_is_back()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var room = hotel.RoomIds[0][0];
        await host.SendExpectingAsync(200, HttpMethod.Put, $"/v1/properties/{hotel.PropertyId}/rooms/{room}/status", hotel.Session.AccessToken,
            new { status = "OUT_OF_ORDER", reason = "broken window" });
        Grid.Nights(await hotel.GridAsync(host, Arrival, Arrival.AddDays(3))).ShouldAllBe(n => n.GetProperty("blocked").GetInt32() == 1);

        await host.SendExpectingAsync(200, HttpMethod.Put, $"/v1/properties/{hotel.PropertyId}/rooms/{room}/status", hotel.Session.AccessToken,
            new { status = "AVAILABLE" });
        Grid.Nights(await hotel.GridAsync(host, Arrival, Arrival.AddDays(3))).ShouldAllBe(n => n.GetProperty("blocked").GetInt32() == 0);
    }
}
