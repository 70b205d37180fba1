using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Tartware.Contracts.Reservations.V1;
using Tartware.Reservations.Commands;
using Tartware.Reservations.Processing;
using Tartware.Reservations.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Reservations.Tests;

[Collection(ReservationsHostCollection.Name)]
public sealed class DeadLetterTests(ReservationsHost host)
{
    private static readonly DateOnly Day0 = Hotel.Day0;

    [Fact]
    public async Task A_poison_command_is_dead_lettered_after_its_attempts_the_partition_flows_and_a_patched_replay_applies_it()
    {
        var hotel = await Hotel.CreateAsync(host, 2);
        var token = hotel.Session.AccessToken;
        // A producer bug: the command carries a date that does not exist. Acceptance through the API would
        // refuse it, so it is written the way the API writes, below its validation.
        var reservationId = Guid.CreateVersion7();
        var command = PoisonCreate(hotel, reservationId, "2031-02-30");
        await DirectCommands.DeadLetteredAsync(host, hotel.Session.TenantId, command);
        var lifecycle = await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{reservationId}/lifecycle", token);
        var poisoned = lifecycle.GetProperty("commands")[0];
        poisoned.GetProperty("transitions").EnumerateArray().Last().GetProperty("detail").GetString()!.ShouldContain("after 5 attempts");

        // The same key (same partition) keeps flowing: a later command of this reservation is decided.
        var cancel = await host.SendExpectingAsync(404, HttpMethod.Post, $"/v1/reservations/{reservationId}/cancel", token, new { reason = "x" },
            Booking.Headers(wait: 30));
        cancel.GetProperty("commandId").GetGuid().ShouldNotBe(Guid.Empty);
        var other = await Booking.ConfirmedAsync(host, hotel, Day0, Day0.AddDays(1));
        other.GetProperty("status").GetString().ShouldBe("CONFIRMED");

        var list = await Cli.RunAsync("dlq", "list", "--tenant", hotel.Session.TenantId.ToString());
        var letter = JsonDocument.Parse(list).RootElement.EnumerateArray().Single();
        letter.GetProperty("attempts").GetInt32().ShouldBe(5);
        letter.GetProperty("failureCause").GetString()!.ShouldContain("FormatException");
        var id = letter.GetProperty("id").GetString()!;
        var shown = JsonDocument.Parse(await Cli.RunAsync("dlq", "show", id)).RootElement;
        shown.GetProperty("commandJson").GetString()!.ShouldContain("2031-02-30");

        var patch = Path.Combine(Path.GetTempPath(), $"patch-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(patch, "{\"create\":{\"stay\":{\"arrival\":\"" + Day0.ToString("yyyy-MM-dd") + "\"}}}", TestContext.Current.CancellationToken);
        try
        {
            var replayed = JsonDocument.Parse(await Cli.RunAsync("dlq", "replay", id, "--patch", patch, "--actor", "on-call")).RootElement;
            replayed.GetProperty("patched").GetBoolean().ShouldBeTrue();
            replayed.GetProperty("correlationId").GetString()!.ShouldEndWith("/replay-1");
        }
        finally
        {
            File.Delete(patch);
        }

        await Eventually.HoldsAsync(async () =>
            (await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{reservationId}", token)).GetProperty("status").GetString() == "CONFIRMED",
            TimeSpan.FromSeconds(60), "the patched replay applies");
        var states = (await host.SendExpectingAsync(200, HttpMethod.Get, $"/v1/reservations/{reservationId}/lifecycle", token))
            .GetProperty("commands")[0].GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("to").GetString()).ToList();
        states.ShouldBe(["RECEIVED", "PERSISTED", "PUBLISHED", "CONSUMED", "DLQ", "PUBLISHED", "CONSUMED", "APPLIED"]);
        (await Cli.RunAsync(1, "dlq", "replay", id)).ShouldContain("already replayed");
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.reservations where id = $1", reservationId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_late_copy_of_a_parked_command_leaves_no_inbox_row_so_its_replay_still_applies()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var reservationId = Guid.CreateVersion7();
        var command = PoisonCreate(hotel, reservationId, "2031-13-01");
        await DirectCommands.DeadLetteredAsync(host, hotel.Session.TenantId, command);

        // The same event arrives once more (a dispatcher re-publishing after its lease, or an auditor re-drive).
        var original = await TenantSql.ScalarAsTenantAsync<byte[]>(hotel.Session.TenantId, """
            select o.payload from reservations.outbox o join reservations.commands c on c.tenant_id = o.tenant_id and c.id = $1 and o.id = c.outbox_id
            """, Guid.Parse(command.CommandId));
        var stream = host.Services.GetRequiredService<IOptions<ReservationsOptions>>().Value.ReservationStream;
        var handler = host.Services.GetRequiredService<MessageHandler>();
        var outcome = await handler.HandleAsync(stream, new MessageOrigin("test-late-copy", stream.CommandTopic, 0, 1, original!),
            TestContext.Current.CancellationToken);
        outcome.ShouldBe("duplicate");
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.inbox where command_id = $1", Guid.Parse(command.CommandId)))
            .ShouldBe(0, "the inbox must not remember a parked command's event: its replay keeps the event id");

        var letter = JsonDocument.Parse(await Cli.RunAsync("dlq", "list", "--tenant", hotel.Session.TenantId.ToString())).RootElement.EnumerateArray().Single();
        var patch = Path.Combine(Path.GetTempPath(), $"patch-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(patch, "{\"create\":{\"stay\":{\"arrival\":\"" + Day0.ToString("yyyy-MM-dd") + "\"}}}", TestContext.Current.CancellationToken);
        try
        {
            await Cli.RunAsync("dlq", "replay", letter.GetProperty("id").GetString()!, "--patch", patch);
        }
        finally
        {
            File.Delete(patch);
        }

        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<string>(hotel.Session.TenantId,
            "select state from reservations.commands where id = $1", Guid.Parse(command.CommandId)) == "APPLIED", TimeSpan.FromSeconds(60), "the replay applies");
    }

    [Fact]
    public async Task A_command_on_the_wrong_stream_is_a_failure_not_an_apply()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var id = Guid.CreateVersion7();
        var command = new ReservationCommand { CommandId = Guid.CreateVersion7().ToString(), ReservationId = id.ToString(), CheckOut = new CheckOut() };
        var envelope = EnvelopeFactory.Create(Guid.CreateVersion7(), CommandKinds.EventType, hotel.Session.TenantId, id, "test", null, null, DateTimeOffset.UtcNow, command);
        var rooms = host.Services.GetRequiredService<IOptions<ReservationsOptions>>().Value.RoomStream;
        var handler = host.Services.GetRequiredService<MessageHandler>();
        var failure = await Should.ThrowAsync<InvalidOperationException>(() => handler.HandleAsync(rooms,
            new MessageOrigin("test-wrong-stream", rooms.CommandTopic, 0, 1, envelope.ToByteArray()), TestContext.Current.CancellationToken));
        failure.Message.ShouldContain("does not belong on rooms.commands");
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId, "select count(*) from reservations.inbox")).ShouldBe(0, "nothing was written");
    }

    [Fact]
    public async Task Reliability_health_reflects_an_injected_backlog_of_commands()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        // 600 command rows due only in an hour: the dispatcher leaves them, the check counts them (critical at 500).
        await TenantSql.ExecuteAsTenantAsync(hotel.Session.TenantId, """
            insert into reservations.outbox (tenant_id, id, topic, message_key, event_type, payload, next_attempt_at)
            select $1, gen_random_uuid(), 'reservations.events', gen_random_uuid()::text, 'reservations.command.v1', '\x00'::bytea, now() + interval '1 hour'
            from generate_series(1, 600)
            """, hotel.Session.TenantId);
        try
        {
            using var critical = await host.Client.GetAsync("/health/reliability", TestContext.Current.CancellationToken);
            var body = JsonDocument.Parse(await critical.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            ((int)critical.StatusCode).ShouldBe(503, body.ToString());
            body.GetProperty("status").GetString().ShouldBe("Unhealthy");
            body.ToString().ShouldContain("reservations.outbox backlog");
            body.ToString().ShouldContain("consumerLag");
        }
        finally
        {
            await TenantSql.ExecuteAsTenantAsync(hotel.Session.TenantId, "delete from reservations.outbox where tenant_id = $1 and status = 'PENDING' and payload = '\\x00'::bytea",
                hotel.Session.TenantId);
        }
    }

    /// <summary>A create whose arrival is not a date: acceptance would refuse it, the processor throws on it every time.</summary>
    private static ReservationCommand PoisonCreate(Hotel hotel, Guid reservationId, string arrival) => new()
    {
        CommandId = Guid.CreateVersion7().ToString(),
        ReservationId = reservationId.ToString(),
        Create = new CreateReservation
        {
            PropertyId = hotel.PropertyId.ToString(),
            Stay = new PricedStay
            {
                RoomTypeId = hotel.RoomTypeIds[0].ToString(),
                Arrival = arrival,
                Departure = Day0.AddDays(1).ToString("yyyy-MM-dd"),
                Adults = 1,
                RateCode = "BAR",
                Currency = "EUR",
                Total = "100.00",
            },
            Guest = new GuestDetails { FirstName = "Poison", LastName = "Pill" },
            Source = "DIRECT",
        },
    };
}
