using System.Text.Json;
using Shouldly;
using Tartware.Contracts.Rooms.V1;
using Tartware.Reservations.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Reservations.Tests;

/// <summary>Room commands: block, out-of-order, out-of-service, release and housekeeping status, through the command pipeline.</summary>
[Collection(ReservationsHostCollection.Name)]
public sealed class RoomCommandTests(ReservationsHost host)
{
    private static readonly DateOnly Day0 = Hotel.Day0.AddDays(40);

    [Fact]
    public async Task Out_of_order_with_wait_is_201_with_the_lock_blocks_the_night_and_records_the_lifecycle_and_the_fact()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var room = hotel.RoomIds[0][0];
        using var response = await host.SendAsync(HttpMethod.Post, $"/v1/rooms/{room}/out-of-order", hotel.Session.AccessToken,
            new { from = Day0, to = Day0.AddDays(2), reason = "leaking pipe" }, Booking.Headers(wait: 30));
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ((int)response.StatusCode).ShouldBe(201, text);
        var outcome = JsonDocument.Parse(text).RootElement;
        outcome.GetProperty("kind").GetString().ShouldBe("OUT_OF_ORDER");
        outcome.GetProperty("state").GetString().ShouldBe("APPLIED");
        var lockId = outcome.GetProperty("result").GetProperty("lockId").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/v1/availability/locks/{lockId}");

        var block = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/availability/locks/{lockId}", hotel.Session.AccessToken);
        block.GetProperty("kind").GetString().ShouldBe("OUT_OF_ORDER");
        block.GetProperty("roomId").GetGuid().ShouldBe(room);
        block.GetProperty("reason").GetString().ShouldBe("leaking pipe");
        Grid.Nights(await hotel.GridAsync(host, Day0, Day0.AddDays(2))).ShouldAllBe(n =>
            n.GetProperty("blocked").GetInt32() == 1 && n.GetProperty("available").GetInt32() == 1);

        var lifecycle = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/rooms/{room}/lifecycle", hotel.Session.AccessToken);
        var command = lifecycle.GetProperty("commands").EnumerateArray().Single();
        command.GetProperty("kind").GetString().ShouldBe("OUT_OF_ORDER");
        command.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("to").GetString())
            .ShouldBe(["RECEIVED", "PERSISTED", "PUBLISHED", "CONSUMED", "APPLIED"]);
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from reservations.outbox where topic = 'rooms.applied' and event_type = 'room.out_of_order' and message_key = $1", room.ToString()))
            .ShouldBe(1, "one fact for downstream modules, keyed by the room");
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from reservations.outbox where topic = 'rooms.commands' and message_key = $1", room.ToString())).ShouldBe(1);
    }

    [Fact]
    public async Task A_block_on_a_sold_out_night_is_409_with_the_stays_in_the_way_forced_it_is_taken_and_release_ends_it_once()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var token = hotel.Session.AccessToken;
        var first = (await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(2))).GetProperty("id").GetString();
        var second = (await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(2))).GetProperty("id").GetString();
        var room = hotel.RoomIds[0][1];

        var refused = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/rooms/{room}/block", token,
            new { from = Day0, to = Day0.AddDays(1), reason = "show room" }, Booking.Headers(wait: 30));
        refused.GetProperty("code").GetString().ShouldBe("no-availability");
        refused.GetProperty("roomId").GetGuid().ShouldBe(room);
        refused.GetProperty("reservations").EnumerateArray().Select(r => r.GetString()).ShouldBe([first, second], ignoreOrder: true);
        refused.GetProperty("nights").GetArrayLength().ShouldBe(1);
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(1)), "blocked").ShouldBe(0, "a refused block takes nothing");

        var forced = await host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/rooms/{room}/block", token,
            new { from = Day0, to = Day0.AddDays(1), reason = "show room", force = true }, Booking.Headers(wait: 30));
        forced.GetProperty("result").GetProperty("forced").GetBoolean().ShouldBeTrue();
        var night = Grid.Nights(await hotel.GridAsync(host, Day0, Day0.AddDays(1))).Single();
        night.GetProperty("blocked").GetInt32().ShouldBe(1);
        night.GetProperty("available").GetInt32().ShouldBe(-1);
        // A block on a blocked room is refused even forced: force moves stays off a room, never another block.
        var twice = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/rooms/{room}/out-of-order", token,
            new { from = Day0, to = Day0.AddDays(1), reason = "leak", force = true }, Booking.Headers(wait: 30));
        twice.GetProperty("code").GetString().ShouldBe("room-blocked");

        var released = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/rooms/{room}/release", token, new { reason = "show over" }, Booking.Headers(wait: 30));
        released.GetProperty("kind").GetString().ShouldBe("RELEASE");
        released.GetProperty("result").GetProperty("releasedLockIds").EnumerateArray().Single().GetGuid()
            .ShouldBe(forced.GetProperty("result").GetProperty("lockId").GetGuid());
        Grid.Nights(await hotel.GridAsync(host, Day0, Day0.AddDays(1))).Single().GetProperty("available").GetInt32().ShouldBe(0);

        var again = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/rooms/{room}/release", token, new { }, Booking.Headers(wait: 30));
        again.GetProperty("code").GetString().ShouldBe("no-active-block");
        var rejected = (await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/rooms/{room}/lifecycle", token)).GetProperty("commands")
            .EnumerateArray().Where(c => c.GetProperty("state").GetString() == "REJECTED").Select(c => c.GetProperty("rejection").GetProperty("code").GetString());
        rejected.ShouldBe(["no-availability", "room-blocked", "no-active-block"]);
    }

    [Fact]
    public async Task A_block_over_a_stay_assigned_to_the_room_is_room_occupied_and_forced_the_stay_keeps_its_booking_but_loses_the_room()
    {
        var hotel = await Hotel.CreateAsync(host, 3);
        var token = hotel.Session.AccessToken;
        var room = hotel.RoomIds[0][0];
        var reservation = (await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(3))).GetProperty("id").GetGuid();
        await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/reservations/{reservation}/assign-room", token, new { roomId = room }, Booking.Headers(wait: 30));

        var refused = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/rooms/{room}/out-of-service", token,
            new { from = Day0.AddDays(1), to = Day0.AddDays(2), reason = "repaint" }, Booking.Headers(wait: 30));
        refused.GetProperty("code").GetString().ShouldBe("room-occupied");
        refused.GetProperty("reservations").EnumerateArray().Single().GetString().ShouldBe(reservation.ToString());

        await host.SendExpectingAsync(201, HttpMethod.Post, $"/v1/rooms/{room}/out-of-service", token,
            new { from = Day0.AddDays(1), to = Day0.AddDays(2), reason = "repaint", force = true }, Booking.Headers(wait: 30));
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from availability.room_assignments a join availability.inventory_locks l on l.tenant_id = a.tenant_id and l.id = a.lock_id where a.active and l.idempotency_key = $1",
            reservation.ToString())).ShouldBe(0, "the stay lost the room");
        var booking = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{reservation}", token);
        booking.GetProperty("status").GetString().ShouldBe("CONFIRMED");
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(3)), "sold").ShouldBe(3, "the stay keeps its inventory");
    }

    [Fact]
    public async Task Housekeeping_status_moves_through_the_pipeline_and_an_inspection_of_a_dirty_room_is_refused()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var token = hotel.Session.AccessToken;
        var room = hotel.RoomIds[0][0];
        var staff = await hotel.UserTokenAsync(host, "STAFF");

        var dirty = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", staff, new { status = "dirty" },
            Booking.Headers(wait: 30));
        dirty.GetProperty("result").GetProperty("housekeepingStatus").GetString().ShouldBe("DIRTY");
        var refused = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", staff, new { status = "INSPECTED" },
            Booking.Headers(wait: 30));
        refused.GetProperty("code").GetString().ShouldBe("invalid-transition");
        refused.GetProperty("housekeepingStatus").GetString().ShouldBe("DIRTY");
        var setup = await host.SendExpectingAsync(409, HttpMethod.Put, $"/v1/properties/{hotel.PropertyId}/rooms/{room}/status", token,
            new { housekeepingStatus = "INSPECTED" });
        setup.GetProperty("code").GetString().ShouldBe("invalid-transition", "the property setup PUT keeps the same rule");

        await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", staff, new { status = "CLEAN", reason = "turned down" },
            Booking.Headers(wait: 30));
        var inspected = await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", staff, new { status = "INSPECTED" },
            Booking.Headers(wait: 30));
        inspected.GetProperty("result").GetProperty("previousHousekeepingStatus").GetString().ShouldBe("CLEAN");
        var stored = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/properties/{hotel.PropertyId}/rooms/{room}", token);
        stored.GetProperty("housekeepingStatus").GetString().ShouldBe("INSPECTED");
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from reservations.outbox where topic = 'rooms.applied' and event_type = 'room.housekeeping_changed'")).ShouldBe(3);
    }

    [Fact]
    public async Task Without_wait_a_room_command_is_202_and_its_key_replays_the_answer_or_refuses_another_body()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var token = hotel.Session.AccessToken;
        var room = hotel.RoomIds[0][0];
        var headers = Booking.Headers();
        var body = new { from = Day0, to = Day0.AddDays(1), reason = "VIP set-aside" };
        var accepted = await host.SendExpectingAsync(202, HttpMethod.Post, $"/v1/rooms/{room}/block", token, body, headers);
        accepted.GetProperty("state").GetString().ShouldBe("PERSISTED");
        accepted.GetProperty("lifecycleUrl").GetString().ShouldBe($"/v1/rooms/{room}/lifecycle");
        var replay = await host.SendExpectingAsync(202, HttpMethod.Post, $"/v1/rooms/{room}/block", token, body, headers);
        replay.GetProperty("commandId").GetGuid().ShouldBe(accepted.GetProperty("commandId").GetGuid());
        var reused = await host.SendExpectingAsync(409, HttpMethod.Post, $"/v1/rooms/{room}/block", token, body with { reason = "other" }, headers);
        reused.GetProperty("code").GetString().ShouldBe("idempotency-key-reused");

        await Eventually.HoldsAsync(async () => (await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/rooms/{room}/lifecycle", token))
            .GetProperty("commands").EnumerateArray().Single().GetProperty("state").GetString() == "APPLIED", TimeSpan.FromSeconds(60), "the block is applied");
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(1)), "blocked").ShouldBe(1, "one command, one block");

        // A removed room takes its dated blocks with it.
        await host.SendExpectingAsync(204, HttpMethod.Delete, $"/v1/properties/{hotel.PropertyId}/rooms/{room}", token);
        var night = Grid.Nights(await hotel.GridAsync(host, Day0, Day0.AddDays(1))).Single();
        night.GetProperty("capacity").GetInt32().ShouldBe(1);
        night.GetProperty("blocked").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Bad_room_commands_are_400_or_404_problems_and_write_nothing()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var token = hotel.Session.AccessToken;
        var room = hotel.RoomIds[0][0];
        var block = $"/v1/rooms/{room}/out-of-order";
        await host.SendExpectingAsync(400, HttpMethod.Post, block, token, new { from = Day0, reason = "x" }, Booking.Headers());
        await host.SendExpectingAsync(400, HttpMethod.Post, block, token, new { from = Day0, to = Day0, reason = "x" }, Booking.Headers());
        await host.SendExpectingAsync(400, HttpMethod.Post, block, token, new { from = Day0, to = Day0.AddDays(800), reason = "x" }, Booking.Headers());
        await host.SendExpectingAsync(400, HttpMethod.Post, block, token, new { from = Day0, to = Day0.AddDays(1) }, Booking.Headers());
        await host.SendExpectingAsync(400, HttpMethod.Post, block, token, new { from = new DateOnly(9999, 12, 1), to = new DateOnly(9999, 12, 31), reason = "x" },
            Booking.Headers());
        await host.SendExpectingAsync(400, HttpMethod.Post, block, token, new { from = new DateOnly(2020, 1, 1), to = new DateOnly(2020, 1, 2), reason = "x" },
            Booking.Headers());
        var noKey = await host.SendExpectingAsync(400, HttpMethod.Post, block, token, new { from = Day0, to = Day0.AddDays(1), reason = "x" });
        noKey.GetProperty("errors").GetProperty("Idempotency-Key").GetArrayLength().ShouldBe(1);
        await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", token, new { status = "SPARKLING" }, Booking.Headers());
        await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", token, new { }, Booking.Headers());
        await host.SendExpectingAsync(400, HttpMethod.Post, $"/v1/rooms/{room}/release", token, new { reason = new string('x', 501) }, Booking.Headers());
        foreach (var raw in new[] { "{\"from\":", "[]", "{\"from\":\"2031-02-30\",\"to\":\"2031-03-02\",\"reason\":\"x\"}", "{\"force\":\"yes\"}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, block) { Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var malformed = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
            ((int)malformed.StatusCode).ShouldBe(400, raw);
            malformed.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        await host.SendExpectingAsync(404, HttpMethod.Post, $"/v1/rooms/{Guid.NewGuid()}/block", token, new { from = Day0, to = Day0.AddDays(1), reason = "x" },
            Booking.Headers());
        await host.SendExpectingAsync(404, HttpMethod.Get, $"/v1/rooms/{Guid.NewGuid()}/lifecycle", token);
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.commands")).ShouldBe(0, "nothing refused was written");
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.idempotency_keys")).ShouldBe(0);
    }

    [Fact]
    public async Task Another_tenant_finds_none_of_the_room_command_endpoints_and_roles_are_enforced()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var room = hotel.RoomIds[0][0];
        var intruder = await host.NewTenantSessionAsync();
        var dates = new { from = Day0, to = Day0.AddDays(1), reason = "x" };
        await CrossTenantMatrix.AssertWalledAsync(host, hotel.Session, intruder,
        [
            new(HttpMethod.Get, $"/v1/rooms/{room}/lifecycle"),
            new(HttpMethod.Post, $"/v1/rooms/{room}/block", dates) { Headers = Booking.Headers() },
            new(HttpMethod.Post, $"/v1/rooms/{room}/out-of-order", dates) { Headers = Booking.Headers() },
            new(HttpMethod.Post, $"/v1/rooms/{room}/out-of-service", dates) { Headers = Booking.Headers() },
            new(HttpMethod.Post, $"/v1/rooms/{room}/release", new { }) { Headers = Booking.Headers() },
            new(HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", new { status = "DIRTY" }) { Headers = Booking.Headers() },
        ]);
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.commands")).ShouldBe(0);

        var staff = await hotel.UserTokenAsync(host, "STAFF");
        var viewer = await hotel.UserTokenAsync(host, "VIEWER");
        (await host.SendExpectingAsync(403, HttpMethod.Post, $"/v1/rooms/{room}/out-of-order", staff, dates, Booking.Headers()))
            .GetProperty("type").GetString()!.ShouldEndWith("/forbidden");
        await host.SendExpectingAsync(403, HttpMethod.Post, $"/v1/rooms/{room}/release", staff, new { }, Booking.Headers());
        await host.SendExpectingAsync(403, HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", viewer, new { status = "DIRTY" }, Booking.Headers());
        await host.SendExpectingAsync(202, HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", staff, new { status = "DIRTY" }, Booking.Headers());
        await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/rooms/{room}/lifecycle", viewer);
        await host.SendExpectingAsync(401, HttpMethod.Post, $"/v1/rooms/{room}/block", null, dates, Booking.Headers());
    }

    [Fact]
    public async Task A_poison_room_command_is_dead_lettered_on_its_own_stream_and_a_patched_replay_applies_it()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var room = hotel.RoomIds[0][0];
        var command = new RoomCommand
        {
            CommandId = Guid.CreateVersion7().ToString(),
            RoomId = room.ToString(),
            PropertyId = hotel.PropertyId.ToString(),
            OutOfOrder = new RoomBlock { From = "2031-02-30", To = Day0.AddDays(1).ToString("yyyy-MM-dd"), Reason = "a producer bug" },
        };
        await DirectCommands.DeadLetteredAsync(host, hotel.Session.TenantId, command);
        // The room's partition keeps flowing behind it.
        await host.SendExpectingAsync(200, HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", hotel.Session.AccessToken, new { status = "DIRTY" },
            Booking.Headers(wait: 30));

        var letter = JsonDocument.Parse(await Cli.RunAsync("dlq", "list", "--tenant", hotel.Session.TenantId.ToString())).RootElement.EnumerateArray().Single();
        letter.GetProperty("topic").GetString().ShouldBe("rooms.commands");
        letter.GetProperty("eventType").GetString().ShouldBe("rooms.command.v1");
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from reservations.outbox where topic = 'rooms.commands.dlq' and event_type = 'rooms.dead_letter.v1'")).ShouldBe(1);
        var id = letter.GetProperty("id").GetString()!;
        // A patch may fix the command's fields, never turn it into another kind of command.
        var kindChange = CreatePatch("{\"block\":{\"from\":\"2031-01-01\",\"to\":\"2031-01-02\"},\"outOfOrder\":null}");
        var fix = CreatePatch("{\"outOfOrder\":{\"from\":\"" + Day0.ToString("yyyy-MM-dd") + "\"}}");
        try
        {
            (await Cli.RunAsync(1, "dlq", "replay", id, "--patch", kindChange)).ShouldContain("cannot turn");
            (await Cli.RunAsync("dlq", "replay", id, "--patch", fix, "--actor", "on-call")).ShouldContain("/replay-1");
        }
        finally
        {
            File.Delete(kindChange);
            File.Delete(fix);
        }

        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<string>(hotel.Session.TenantId,
            "select state from reservations.commands where id = $1", Guid.Parse(command.CommandId)) == "APPLIED", TimeSpan.FromSeconds(60), "the patched replay applies");
        Grid.Sum(await hotel.GridAsync(host, Day0, Day0.AddDays(1)), "blocked").ShouldBe(1);
    }

    private static string CreatePatch(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"patch-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
