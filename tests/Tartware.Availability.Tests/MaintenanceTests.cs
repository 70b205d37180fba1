using Tartware.Testing;
using System.Net;
using Shouldly;
using Microsoft.Extensions.DependencyInjection;
using Tartware.Availability.Tests.Infrastructure;
using Tartware.Contracts.Availability;
using Tartware.ServiceDefaults.Data;
using Xunit;

namespace Tartware.Availability.Tests;

[Collection(AvailabilityHostCollection.Name)]
public sealed class MaintenanceTests(AvailabilityHost host)
{
    private static readonly DateOnly Arrival = Hotel.Day0.AddDays(80);

    [Fact]
    public async Task A_room_block_on_a_fully_sold_night_is_refused_with_the_reservations_unless_forced_then_shows_negative()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var claims = new ConcurrencyTests(host);
        var keys = new[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() };
        foreach (var key in keys)
        {
            (await claims.ClaimAsync(hotel, key, Arrival, Arrival.AddDays(2))).Succeeded.ShouldBeTrue();
        }

        // The façade the rooms command processor calls (POST /v1/rooms/{id}/out-of-order is a room command, module Reservations).
        var room = hotel.RoomIds[0][0];
        var refused = await BlockRoomAsync(hotel, room, "ooo-1", force: false);
        refused.Succeeded.ShouldBeFalse();
        refused.Problem.ShouldBe("no-availability");
        refused.ConflictingNights.Single().Night.ShouldBe(Arrival);
        refused.AffectedReservations.ShouldBe(keys.Order(StringComparer.Ordinal), ignoreOrder: true);
        Grid.Sum(await hotel.GridAsync(host, Arrival, Arrival.AddDays(1)), "blocked").ShouldBe(0, "a refusal takes nothing");

        var forced = await BlockRoomAsync(hotel, room, "ooo-2", force: true);
        forced.Succeeded.ShouldBeTrue();
        forced.Forced.ShouldBeTrue();
        (await BlockRoomAsync(hotel, room, "ooo-2", force: true)).LockId.ShouldBe(forced.LockId, "the same key replays the block");
        var block = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/availability/locks/{forced.LockId}", hotel.Session.AccessToken);
        block.GetProperty("kind").GetString().ShouldBe("OUT_OF_ORDER");
        block.GetProperty("reason").GetString().ShouldBe("leaking pipe");
        var night = Grid.Nights(await hotel.GridAsync(host, Arrival, Arrival.AddDays(1))).Single();
        night.GetProperty("blocked").GetInt32().ShouldBe(1);
        night.GetProperty("available").GetInt32().ShouldBe(-1);

        // Releasing the block brings the night back to zero, and new claims stay refused meanwhile.
        (await claims.ClaimAsync(hotel, Guid.NewGuid().ToString(), Arrival, Arrival.AddDays(1))).Succeeded.ShouldBeFalse();
        await using (var unit = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(hotel.Session.TenantId))
        {
            var guard = host.Services.GetRequiredService<IAvailabilityGuard>();
            (await guard.ReleaseRoomBlocksAsync(unit.Transaction, hotel.Session.TenantId, room, null, "fixed", "test")).ShouldBe([forced.LockId!.Value]);
            (await guard.ReleaseRoomBlocksAsync(unit.Transaction, hotel.Session.TenantId, room, null, "fixed", "test")).ShouldBeEmpty("nothing left to end");
            await unit.CommitAsync();
        }

        Grid.Nights(await hotel.GridAsync(host, Arrival, Arrival.AddDays(1))).Single().GetProperty("available").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_room_block_over_a_stay_on_the_room_is_room_occupied_and_leaves_the_transaction_usable()
    {
        var hotel = await Hotel.CreateAsync(host, 3);
        var key = Guid.NewGuid().ToString();
        var room = hotel.RoomIds[0][0];
        await using var unit = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(hotel.Session.TenantId);
        var guard = host.Services.GetRequiredService<IAvailabilityGuard>();
        (await guard.ClaimAsync(unit.Transaction, new InventoryClaim(hotel.Session.TenantId, hotel.PropertyId, hotel.RoomTypeIds[0], Arrival, Arrival.AddDays(2), 1,
            key, "test"))).Succeeded.ShouldBeTrue();
        (await guard.AssignRoomAsync(unit.Transaction, hotel.Session.TenantId, key, room, "test")).Succeeded.ShouldBeTrue();
        var refused = await guard.BlockRoomAsync(unit.Transaction, new RoomBlockClaim(hotel.Session.TenantId, hotel.PropertyId, room, RoomBlockKinds.Block,
            Arrival.AddDays(1), Arrival.AddDays(3), "blk-1", "test", "show room", Force: false));
        refused.Problem.ShouldBe("room-occupied");
        refused.AffectedReservations.ShouldBe([key]);
        // The refusal rolled back to its savepoint: the stay and its room are still there and commit.
        await unit.CommitAsync();
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from availability.room_assignments where active and room_id = $1", room))
            .ShouldBe(1);
    }

    private async Task<RoomBlockOutcome> BlockRoomAsync(Hotel hotel, Guid room, string key, bool force)
    {
        await using var unit = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(hotel.Session.TenantId);
        var outcome = await host.Services.GetRequiredService<IAvailabilityGuard>().BlockRoomAsync(unit.Transaction, new RoomBlockClaim(hotel.Session.TenantId,
            hotel.PropertyId, room, RoomBlockKinds.OutOfOrder, Arrival, Arrival.AddDays(1), key, "test", "leaking pipe", force));
        await unit.CommitAsync();
        return outcome;
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
