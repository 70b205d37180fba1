using Shouldly;
using Tartware.Reservations.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Reservations.Tests;

[Collection(ReservationsHostCollection.Name)]
public sealed class SecurityTests(ReservationsHost host)
{
    private static readonly DateOnly Day0 = Hotel.Day0;

    [Fact]
    public async Task Another_tenant_finds_none_of_the_reservation_endpoints()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var id = (await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(1))).GetProperty("id").GetGuid();
        var intruder = await host.NewTenantSessionAsync();
        await CrossTenantMatrix.AssertWalledAsync(host, hotel.Session, intruder,
        [
            new(HttpMethod.Get, $"/v1/reservations/{id}"),
            new(HttpMethod.Get, $"/v1/reservations/{id}/lifecycle"),
            new(HttpMethod.Get, $"/v1/reservations?propertyId={hotel.PropertyId}") { },
            new(HttpMethod.Patch, $"/v1/reservations/{id}", new { notes = "mine now" }) { Headers = Booking.Headers() },
            new(HttpMethod.Post, $"/v1/reservations/{id}/cancel", new { reason = "x" }) { Headers = Booking.Headers() },
            new(HttpMethod.Post, $"/v1/reservations/{id}/check-in", new { }) { Headers = Booking.Headers() },
            new(HttpMethod.Post, $"/v1/reservations/{id}/check-out", new { }) { Headers = Booking.Headers() },
            new(HttpMethod.Post, $"/v1/reservations/{id}/no-show", new { }) { Headers = Booking.Headers() },
            new(HttpMethod.Post, $"/v1/reservations/{id}/assign-room", new { roomId = hotel.RoomIds[0][0] }) { Headers = Booking.Headers() },
            new(HttpMethod.Post, "/v1/reservations", Booking.Create(hotel, Day0, Day0.AddDays(1))) { Headers = Booking.Headers() },
        ]);
        // The intruder's list of its own tenant is empty: nothing of the owner's leaks into it.
        var list = await host.SendExpectingAsync(200, HttpMethod.Get, "/v1/reservations", intruder.AccessToken);
        list.GetProperty("items").GetArrayLength().ShouldBe(0);
        (await TenantSql.CountWithoutTenantAsync("reservations.reservations")).ShouldBe(0);
    }

    [Fact]
    public async Task A_viewer_reads_but_cannot_book_and_a_caller_without_a_token_is_401()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var viewer = await hotel.UserTokenAsync(host, "VIEWER");
        var staff = await hotel.UserTokenAsync(host, "STAFF");
        var forbidden = await host.SendExpectingAsync(403, HttpMethod.Post, "/v1/reservations", viewer, Booking.Create(hotel, Day0, Day0.AddDays(1)), Booking.Headers());
        forbidden.GetProperty("type").GetString()!.ShouldEndWith("/forbidden");
        var booked = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/reservations", staff, Booking.Create(hotel, Day0, Day0.AddDays(1)), Booking.Headers(wait: 30));
        await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{booked.GetProperty("id").GetGuid()}", viewer);
        await host.SendExpectingAsync(401, HttpMethod.Get, "/v1/reservations", null);
    }
}
