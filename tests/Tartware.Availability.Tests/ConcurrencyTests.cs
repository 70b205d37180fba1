using Tartware.Testing;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Availability.Tests.Infrastructure;
using Tartware.Contracts.Availability;
using Tartware.ServiceDefaults.Data;
using Xunit;

namespace Tartware.Availability.Tests;

[Collection(AvailabilityHostCollection.Name)]
public sealed class ConcurrencyTests(AvailabilityHost host)
{
    private static readonly DateOnly Arrival = Hotel.Day0.AddDays(10);

    [Theory]
    [InlineData(0, 5)]
    [InlineData(2, 7)]
    public async Task Two_hundred_concurrent_holds_for_five_rooms_sell_exactly_capacity_plus_oversell(int oversell, int expected)
    {
        var hotel = await Hotel.CreateAsync(host, 5);
        if (oversell > 0)
        {
            await host.SendExpectingAsync(200, HttpMethod.Put, $"/v1/properties/{hotel.PropertyId}/availability/oversell", hotel.Session.AccessToken,
                new { roomTypeId = hotel.RoomTypeIds[0], oversellLimit = oversell });
        }

        // Overlapping stays of 1 to 4 nights around the same nights, each with its own key.
        var requests = Enumerable.Range(0, 200).Select(async i =>
        {
            var arrival = Arrival.AddDays(i % 3);
            using var response = await host.SendAsync(HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
                Hotel.HoldBody(hotel, arrival, Arrival.AddDays(3 + (i % 2))));
            return response.StatusCode;
        });
        var answers = await Task.WhenAll(requests);

        answers.Count(s => s == HttpStatusCode.Created).ShouldBe(expected);
        answers.Count(s => s == HttpStatusCode.Conflict).ShouldBe(200 - expected);
        var grid = await hotel.GridAsync(host, Arrival, Arrival.AddDays(5));
        var night = Grid.Nights(grid).Single(n => n.GetProperty("date").GetString() == Arrival.AddDays(2).ToString("yyyy-MM-dd"));
        night.GetProperty("held").GetInt32().ShouldBe(expected); // every stay covers the third night
        night.GetProperty("available").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Twenty_concurrent_holds_with_one_key_are_one_hold()
    {
        var hotel = await Hotel.CreateAsync(host, 3);
        var body = Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(2), key: "same-key");
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await host.SendAsync(HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken, body);
            return (response.StatusCode, Id: System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        }));

        answers.Select(a => a.Id).Distinct().Count().ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(19);
        Grid.Sum(await hotel.GridAsync(host, Arrival, Arrival.AddDays(2)), "held").ShouldBe(2); // one room, two nights
    }

    [Fact]
    public async Task Concurrent_reservation_claims_through_the_facade_never_oversell()
    {
        var hotel = await Hotel.CreateAsync(host, 4);
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => ClaimAsync(hotel, Guid.NewGuid().ToString(), Arrival, Arrival.AddDays(2 + (i % 3)))));
        results.Count(r => r.Succeeded).ShouldBe(4);
        results.Where(r => !r.Succeeded).ShouldAllBe(r => r.ConflictingNights.Count > 0 && r.LockId == null);
        var grid = await hotel.GridAsync(host, Arrival, Arrival.AddDays(2));
        Grid.Min(grid, "sold").ShouldBe(4);
        Grid.Min(grid, "available").ShouldBe(0);
    }

    [Fact]
    public async Task Two_concurrent_assignments_of_one_room_to_overlapping_stays_one_wins()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var first = Guid.NewGuid().ToString();
        var second = Guid.NewGuid().ToString();
        (await ClaimAsync(hotel, first, Arrival, Arrival.AddDays(3))).Succeeded.ShouldBeTrue();
        (await ClaimAsync(hotel, second, Arrival.AddDays(1), Arrival.AddDays(4))).Succeeded.ShouldBeTrue();
        var room = hotel.RoomIds[0][0];

        var outcomes = await Task.WhenAll(AssignAsync(hotel, first, room), AssignAsync(hotel, second, room));

        outcomes.Count(o => o.Succeeded).ShouldBe(1);
        outcomes.Single(o => !o.Succeeded).Problem.ShouldBe("room-occupied");
        // Without a room named, the loser gets the other room of the type.
        var loser = outcomes[0].Succeeded ? second : first;
        var picked = await AssignAsync(hotel, loser, null);
        picked.Succeeded.ShouldBeTrue();
        picked.RoomId.ShouldBe(hotel.RoomIds[0][1]);
    }

    internal async Task<ClaimOutcome> ClaimAsync(Hotel hotel, string key, DateOnly arrival, DateOnly departure, int type = 0)
    {
        await using var unit = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(hotel.Session.TenantId);
        var outcome = await host.Services.GetRequiredService<IAvailabilityGuard>().ClaimAsync(unit.Transaction,
            new InventoryClaim(hotel.Session.TenantId, hotel.PropertyId, hotel.RoomTypeIds[type], arrival, departure, 1, key, "test"));
        await unit.CommitAsync();
        return outcome;
    }

    private async Task<AssignmentOutcome> AssignAsync(Hotel hotel, string key, Guid? room)
    {
        await using var unit = await host.Services.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(hotel.Session.TenantId);
        var outcome = await host.Services.GetRequiredService<IAvailabilityGuard>().AssignRoomAsync(unit.Transaction, hotel.Session.TenantId, key, room, "test");
        await unit.CommitAsync();
        return outcome;
    }
}
