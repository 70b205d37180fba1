using System.Text.Json;
using Shouldly;
using Tartware.Reservations.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Reservations.Tests;

[Collection(ReservationsHostCollection.Name)]
public sealed class IdempotencyAndInputTests(ReservationsHost host)
{
    private static readonly DateOnly Day0 = Hotel.Day0;

    [Fact]
    public async Task The_same_key_sent_20_times_at_once_creates_one_reservation_and_20_identical_answers()
    {
        var hotel = await Hotel.CreateAsync(host, 5);
        var key = Guid.NewGuid().ToString();
        var body = Booking.Create(hotel, Day0, Day0.AddDays(2));
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await host.SendAsync(HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken, body, Booking.Headers(key));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));
        answers.Select(a => a.Item1).Distinct().ShouldBe([202]);
        answers.Select(a => a.Item2).Distinct().Count().ShouldBe(1, "every answer is the first one, byte for byte");
        var id = JsonDocument.Parse(answers[0].Item2).RootElement.GetProperty("reservationId").GetGuid();

        await Booking.SettledAsync(host, hotel.Session.AccessToken, id);
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.commands")).ShouldBe(1);
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.reservations")).ShouldBe(1);
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(2)), "sold").ShouldBe(2);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_409_and_a_replay_with_wait_answers_the_outcome()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var key = Guid.NewGuid().ToString();
        var first = await host.SendExpectingAsync(202, HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken,
            Booking.Create(hotel, Day0, Day0.AddDays(2)), Booking.Headers(key));
        var reused = await host.SendExpectingAsync(409, HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken,
            Booking.Create(hotel, Day0, Day0.AddDays(3)), Booking.Headers(key));
        reused.GetProperty("type").GetString()!.ShouldEndWith("/idempotency-key-reused");
        var replay = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken,
            Booking.Create(hotel, Day0, Day0.AddDays(2)), Booking.Headers(key, wait: 30));
        replay.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("reservationId").GetGuid());
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.reservations")).ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_request_leaves_no_key_so_the_corrected_request_may_reuse_it()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var key = Guid.NewGuid().ToString();
        var bad = new
        {
            propertyId = hotel.PropertyId,
            roomTypeId = Guid.NewGuid(),
            arrival = Day0,
            departure = Day0.AddDays(1),
            adults = 1,
            guest = new { firstName = "A", lastName = "B" }
        };
        await host.SendExpectingAsync(404, HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken, bad, Booking.Headers(key));
        await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken,
            Booking.Create(hotel, Day0, Day0.AddDays(1)), Booking.Headers(key, wait: 30));
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.idempotency_keys")).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_never_a_500_and_never_a_partial_write()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var token = hotel.Session.AccessToken;
        var valid = Booking.Create(hotel, Day0, Day0.AddDays(1));
        (int Status, object? Body, Dictionary<string, string> Headers, string Field)[] cases =
        [
            (400, valid, new Dictionary<string, string>(), "Idempotency-Key"),
            (400, new { propertyId = hotel.PropertyId }, Booking.Headers(), "roomTypeId"),
            (400, new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0, adults = 1, guest = new { firstName = "A", lastName = "B" } },
                Booking.Headers(), "departure"),
            (400, new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0.AddDays(1), adults = 0, guest = new { firstName = "A", lastName = "B" } },
                Booking.Headers(), "adults"),
            (400, new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0.AddDays(1), adults = 1 }, Booking.Headers(), "guest"),
            (400, new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0.AddDays(1), adults = 1,
                guest = new { firstName = "A", lastName = "B", email = "not-an-email" } }, Booking.Headers(), "guest.email"),
            (400, new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0.AddDays(200), adults = 1,
                guest = new { firstName = "A", lastName = "B" } }, Booking.Headers(), "departure"),
            (400, new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0.AddDays(1), adults = 1,
                guest = new { firstName = "A", lastName = "B" }, source = "OTA" }, Booking.Headers(), "partnerId"),
            (404, new { propertyId = Guid.NewGuid(), roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0.AddDays(1), adults = 1,
                guest = new { firstName = "A", lastName = "B" } }, Booking.Headers(), ""),
            (404, new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0.AddDays(1), adults = 1,
                guestId = Guid.NewGuid() }, Booking.Headers(), ""),
            (422, new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0.AddDays(1), adults = 1,
                guest = new { firstName = "A", lastName = "B" }, rateCode = "NOPE", allowRateFallback = false }, Booking.Headers(), ""),
            (422, new { propertyId = hotel.PropertyId, roomTypeId = hotel.RoomTypeIds[0], arrival = Day0, departure = Day0.AddDays(1), adults = 9,
                guest = new { firstName = "A", lastName = "B" } }, Booking.Headers(), ""),
        ];
        foreach (var (status, body, headers, field) in cases)
        {
            using var response = await host.SendAsync(HttpMethod.Post, "/v1/reservations", token, body, headers);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            ((int)response.StatusCode).ShouldBe(status, text);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            if (field.Length > 0)
            {
                JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(text);
            }
        }

        foreach (var raw in new[] { "{", "[]", "{\"arrival\":\"2031-02-30\"}", "{\"adults\":\"two\"}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/reservations") { Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
            ((int)response.StatusCode).ShouldBe(400, raw);
        }

        await host.SendExpectingAsync(404, HttpMethod.Patch, $"/v1/reservations/{Guid.NewGuid()}", token, new { notes = "x" }, Booking.Headers());
        await host.SendExpectingAsync(400, HttpMethod.Patch, $"/v1/reservations/{Guid.NewGuid()}", token, new { }, Booking.Headers());
        await host.SendExpectingAsync(404, HttpMethod.Post, $"/v1/reservations/{Guid.NewGuid()}/cancel", token, new { reason = "x" }, Booking.Headers());
        await host.SendExpectingAsync(400, HttpMethod.Get, "/v1/reservations?limit=0", token);
        await host.SendExpectingAsync(400, HttpMethod.Get, "/v1/reservations?status=LOST", token);
        await host.SendExpectingAsync(400, HttpMethod.Get, "/v1/reservations?after=garbage", token);

        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.commands")).ShouldBe(0, "nothing refused was written");
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.outbox")).ShouldBe(0);
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from rates.fallback_decisions")).ShouldBe(0,
            "the refused fallback's decision rolled back with the request");
    }

    [Fact]
    public async Task A_modify_that_cannot_be_sold_is_rejected_and_leaves_the_reservation_as_it_was()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var token = hotel.Session.AccessToken;
        var first = (await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(2))).GetProperty("id").GetGuid();
        await Booking.ConfirmedAsync(host, hotel, Day0.AddDays(2), Day0.AddDays(4));
        var refused = await host.SendExpectingAsync(409, HttpMethod.Patch, $"/v1/reservations/{first}", token, new { departure = Day0.AddDays(3) },
            Booking.Headers(wait: 30));
        refused.GetProperty("type").GetString()!.ShouldEndWith("/no-availability");
        var unchanged = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{first}", token);
        unchanged.GetProperty("departure").GetString().ShouldBe(Day0.AddDays(2).ToString("yyyy-MM-dd"));
        unchanged.GetProperty("status").GetString().ShouldBe("CONFIRMED");
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(4)), "sold").ShouldBe(4);

        var moved = await host.SendExpectingAsync(200, HttpMethod.Patch, $"/v1/reservations/{first}", token,
            new { arrival = Day0.AddDays(-2), departure = Day0, guest = new { lastName = "Silva" } }, Booking.Headers(wait: 30));
        moved.GetProperty("guest").GetProperty("lastName").GetString().ShouldBe("Silva");
        moved.GetProperty("version").GetInt32().ShouldBe(2);
        Grid.Sum(await hotel.GridAsync(host, Day0.AddDays(-2), Day0.AddDays(4)), "sold").ShouldBe(4);
    }

    [Fact]
    public async Task Confirmation_numbers_are_gap_free_per_property_even_with_rejections_between()
    {
        var hotel = await Hotel.CreateAsync(host, 3);
        var other = await Hotel.CreateAsync(host, hotel.Session, 3);
        var bodies = Enumerable.Range(0, 12).Select(i => Booking.Create(i % 2 == 0 ? hotel : other, Day0, Day0.AddDays(1))).ToList();
        var accepted = await Task.WhenAll(bodies.Select(b => host.SendExpectingAsync(202, HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken, b, Booking.Headers())));
        foreach (var a in accepted)
        {
            await Booking.SettledAsync(host, hotel.Session.AccessToken, a.GetProperty("reservationId").GetGuid());
        }

        foreach (var h in new[] { hotel, other })
        {
            var page = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations?propertyId={h.PropertyId}&limit=200", hotel.Session.AccessToken);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBe(6);
            items.Count(i => i.GetProperty("status").GetString() == "REJECTED").ShouldBe(3, "three rooms for six requests");
            items.Where(i => i.GetProperty("status").GetString() == "CONFIRMED").Select(i => i.GetProperty("confirmationNumber").GetString())
                .Order().ShouldBe(["0000001", "0000002", "0000003"]);
        }
    }

    [Fact]
    public async Task The_list_pages_by_arrival_and_filters_by_status_and_guest()
    {
        var hotel = await Hotel.CreateAsync(host, 5);
        var token = hotel.Session.AccessToken;
        for (var i = 0; i < 5; i++)
        {
            await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/reservations", token,
                Booking.Create(hotel, Day0.AddDays(i), Day0.AddDays(i + 1), lastName: i == 3 ? "Moreira" : "Pereira"), Booking.Headers(wait: 30));
        }

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await host.SendExpectingAsync(200, HttpMethod.Get,
                $"/v1/reservations?propertyId={hotel.PropertyId}&limit=2{(after is null ? "" : "&after=" + after)}", token);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("arrival").GetString()!));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (after is not null);
        seen.ShouldBe([.. Enumerable.Range(0, 5).Select(i => Day0.AddDays(i).ToString("yyyy-MM-dd"))]);

        var byGuest = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations?guest=more", token);
        byGuest.GetProperty("items").GetArrayLength().ShouldBe(1);
        var range = await host.SendExpectingAsync(200, HttpMethod.Get,
            $"/v1/reservations?arrivalFrom={Day0.AddDays(1):yyyy-MM-dd}&arrivalTo={Day0.AddDays(2):yyyy-MM-dd}&status=CONFIRMED", token);
        range.GetProperty("items").GetArrayLength().ShouldBe(2);
    }
}
