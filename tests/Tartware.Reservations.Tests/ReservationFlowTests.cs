using System.Text.Json;
using Shouldly;
using Tartware.Reservations.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Reservations.Tests;

[Collection(ReservationsHostCollection.Name)]
public sealed class ReservationFlowTests(ReservationsHost host)
{
    private static readonly DateOnly Day0 = Hotel.Day0;

    [Fact]
    public async Task A_create_with_prefer_wait_answers_201_with_the_priced_confirmed_reservation_and_its_lifecycle()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        using var response = await host.SendAsync(HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken,
            Booking.Create(hotel, Day0, Day0.AddDays(3)), Booking.Headers(wait: 30));
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ((int)response.StatusCode).ShouldBe(201, text);
        response.Headers.GetValues("Preference-Applied").ShouldContain("wait=30");
        var reservation = JsonDocument.Parse(text).RootElement;
        reservation.GetProperty("status").GetString().ShouldBe("CONFIRMED");
        reservation.GetProperty("confirmationNumber").GetString().ShouldBe("0000001");
        var rate = reservation.GetProperty("rate");
        rate.GetProperty("rateCode").GetString().ShouldBe("BAR");
        rate.GetProperty("nights").GetArrayLength().ShouldBe(3);
        rate.GetProperty("total").GetDecimal().ShouldBe(300m);
        rate.GetProperty("cancellation").GetProperty("penalty").GetString().ShouldNotBeNullOrEmpty();

        var grid = await hotel.GridAsync(host, Day0, Day0.AddDays(3));
        Grid.Sum(grid, "sold").ShouldBe(3, "one room on each of three nights");

        var id = reservation.GetProperty("id").GetGuid();
        var lifecycle = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{id}/lifecycle", hotel.Session.AccessToken);
        var command = lifecycle.GetProperty("commands").EnumerateArray().Single();
        command.GetProperty("state").GetString().ShouldBe("APPLIED");
        command.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("to").GetString())
            .ShouldBe(["RECEIVED", "PERSISTED", "PUBLISHED", "CONSUMED", "APPLIED"]);
    }

    [Fact]
    public async Task A_create_without_wait_is_202_persisted_then_pending_then_confirmed()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var accepted = await host.SendExpectingAsync(202, HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken,
            Booking.Create(hotel, Day0, Day0.AddDays(1)), Booking.Headers());
        accepted.GetProperty("state").GetString().ShouldBe("PERSISTED");
        var id = accepted.GetProperty("reservationId").GetGuid();
        accepted.GetProperty("lifecycleUrl").GetString().ShouldBe($"/v1/reservations/{id}/lifecycle");
        var reservation = await Booking.SettledAsync(host, hotel.Session.AccessToken, id);
        reservation.GetProperty("status").GetString().ShouldBe("CONFIRMED");
    }

    [Fact]
    public async Task No_availability_is_a_409_rejection_recorded_on_the_reservation()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(2));
        using var refused = await host.SendAsync(HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken,
            Booking.Create(hotel, Day0.AddDays(1), Day0.AddDays(3)), Booking.Headers(wait: 30));
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        ((int)refused.StatusCode).ShouldBe(409);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.GetProperty("type").GetString()!.ShouldEndWith("/no-availability");
        var id = problem.GetProperty("reservationId").GetGuid();

        var rejected = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{id}", hotel.Session.AccessToken);
        rejected.GetProperty("status").GetString().ShouldBe("REJECTED");
        rejected.GetProperty("rejection").GetProperty("code").GetString().ShouldBe("no-availability");
        rejected.GetProperty("confirmationNumber").ValueKind.ShouldBe(JsonValueKind.Null);
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(3)), "sold").ShouldBe(2, "the rejected stay took nothing");
    }

    [Fact]
    public async Task Create_modify_and_cancel_sent_back_to_back_apply_in_order()
    {
        var hotel = await Hotel.CreateAsync(host, 3);
        var token = hotel.Session.AccessToken;
        var accepted = await host.SendExpectingAsync(202, HttpMethod.Post, "/v1/reservations", token, Booking.Create(hotel, Day0, Day0.AddDays(2)), Booking.Headers());
        var id = accepted.GetProperty("reservationId").GetGuid();
        await host.SendExpectingAsync(202, HttpMethod.Patch, $"/v1/reservations/{id}", token,
            new { departure = Day0.AddDays(4), notes = "late arrival" }, Booking.Headers());
        await host.SendExpectingAsync(202, HttpMethod.Post, $"/v1/reservations/{id}/cancel", token, new { reason = "plans changed" }, Booking.Headers());

        var reservation = await Booking.SettledAsync(host, token, id);
        reservation.GetProperty("status").GetString().ShouldBe("CANCELLED");
        reservation.GetProperty("departure").GetString().ShouldBe(Day0.AddDays(4).ToString("yyyy-MM-dd"));
        reservation.GetProperty("notes").GetString().ShouldBe("late arrival");
        reservation.GetProperty("rate").GetProperty("nights").GetArrayLength().ShouldBe(4, "the modify re-priced the longer stay");
        var lifecycle = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{id}/lifecycle", token);
        lifecycle.GetProperty("commands").EnumerateArray().Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("state").GetString()))
            .ShouldBe([("CREATE", "APPLIED"), ("MODIFY", "APPLIED"), ("CANCEL", "APPLIED")]);
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(4)), "sold").ShouldBe(0, "the cancel gave every night back");
    }

    [Fact]
    public async Task Check_in_assigns_a_room_and_check_out_frees_it_while_wrong_transitions_are_409()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var token = hotel.Session.AccessToken;
        var id = (await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(2))).GetProperty("id").GetGuid();

        var early = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/reservations/{id}/check-out", token, null, Booking.Headers(wait: 30));
        early.GetProperty("type").GetString()!.ShouldEndWith("/invalid-transition");

        var checkedIn = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/reservations/{id}/check-in", token, new { }, Booking.Headers(wait: 30));
        checkedIn.GetProperty("status").GetString().ShouldBe("CHECKED_IN");
        hotel.RoomIds[0].ShouldContain(checkedIn.GetProperty("roomId").GetGuid());

        var cancel = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/reservations/{id}/cancel", token, new { reason = "x" }, Booking.Headers(wait: 30));
        cancel.GetProperty("type").GetString()!.ShouldEndWith("/invalid-transition");

        var checkedOut = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/reservations/{id}/check-out", token, null, Booking.Headers(wait: 30));
        checkedOut.GetProperty("status").GetString().ShouldBe("CHECKED_OUT");
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(2)), "sold").ShouldBe(0);
    }

    [Fact]
    public async Task Assigning_a_room_another_stay_holds_is_409_and_a_free_one_is_200()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var token = hotel.Session.AccessToken;
        var first = (await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(2))).GetProperty("id").GetGuid();
        var second = (await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(2))).GetProperty("id").GetGuid();
        var room = hotel.RoomIds[0][0];
        var assigned = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/reservations/{first}/assign-room", token, new { roomId = room }, Booking.Headers(wait: 30));
        assigned.GetProperty("roomId").GetGuid().ShouldBe(room);
        var taken = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/reservations/{second}/assign-room", token, new { roomId = room }, Booking.Headers(wait: 30));
        taken.GetProperty("type").GetString()!.ShouldEndWith("/room-unavailable");
        await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/reservations/{second}/assign-room", token, new { }, Booking.Headers(wait: 30));
    }

    [Fact]
    public async Task A_no_show_releases_the_inventory_and_a_cancel_needs_a_reason()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var token = hotel.Session.AccessToken;
        var id = (await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(1))).GetProperty("id").GetGuid();
        var problem = await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/reservations/{id}/cancel", token, new { }, Booking.Headers());
        problem.GetProperty("errors").GetProperty("reason").GetArrayLength().ShouldBe(1);
        var noShow = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/reservations/{id}/no-show", token, null, Booking.Headers(wait: 30));
        noShow.GetProperty("status").GetString().ShouldBe("NO_SHOW");
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(1)), "sold").ShouldBe(0);
    }

    [Fact]
    public async Task A_stored_guest_is_snapshotted_and_a_blacklisted_one_is_rejected_with_422()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var token = hotel.Session.AccessToken;
        var guest = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/guests", token,
            new { firstName = "Inês", lastName = "Duarte", email = "ines@example.test", phone = "+351910000000" });
        var guestId = guest.GetProperty("id").GetGuid();
        var body = new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0.AddDays(1), adults = 1, guestId };
        var booked = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/reservations", token, body, Booking.Headers(wait: 30));
        booked.GetProperty("guest").GetProperty("id").GetGuid().ShouldBe(guestId);
        booked.GetProperty("guest").GetProperty("lastName").GetString().ShouldBe("Duarte");

        await host.SendExpectingAsync(200, HttpMethod.Patch, $"/v1/guests/{guestId}", token, new { blacklisted = true, blacklistReason = "damage in 2030" });
        var refused = await host.SendExpectingAsync(422, HttpMethod.Post, "/v1/reservations", token, body, Booking.Headers(wait: 30));
        refused.GetProperty("type").GetString()!.ShouldEndWith("/guest-blacklisted");
        refused.GetProperty("detail").GetString()!.ShouldContain("damage in 2030");
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(1)), "sold").ShouldBe(1, "the refused stay took nothing");
    }
}
