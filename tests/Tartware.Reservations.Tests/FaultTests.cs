using System.Collections.Concurrent;
using Shouldly;
using Tartware.Reservations.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Reservations.Tests;

[CollectionDefinition(Name)]
public sealed class PipelineClusterCollection : ICollectionFixture<PipelineCluster>
{
    public const string Name = "pipeline-cluster";
}

/// <summary>
/// The pipeline's promises under load and faults, with every role in its own process: nothing accepted
/// is lost, nothing applies twice, nothing is oversold. Each test books into its own tenant and checks
/// the invariants in PostgreSQL at the end.
/// </summary>
[Collection(PipelineClusterCollection.Name)]
public sealed class FaultTests(PipelineCluster cluster)
{
    private static readonly DateOnly Day0 = Hotel.Day0;

    [Fact]
    public async Task Two_thousand_creates_over_twenty_room_types_all_decide_and_the_ledger_matches()
    {
        var hotel = await Hotel.CreateAsync(cluster, [.. Enumerable.Repeat(4, 20)]);
        var accepted = await BookAsync(hotel, 2_000, seed: 1);
        await AssertInvariantsAsync(hotel, accepted);
    }

    [Fact]
    public async Task The_processor_killed_five_times_during_a_run_loses_nothing_and_applies_nothing_twice()
    {
        var hotel = await Hotel.CreateAsync(cluster, [.. Enumerable.Repeat(4, 10)]);
        var kills = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1.5));
                await cluster.KillAsync("processor");
                await cluster.StartAsync("processor");
            }
        });
        var accepted = await BookAsync(hotel, 1_200, seed: 2);
        await kills;
        await AssertInvariantsAsync(hotel, accepted);
    }

    [Fact]
    public async Task Room_commands_survive_five_processor_kills_each_applied_once_and_in_order_per_room()
    {
        var hotel = await Hotel.CreateAsync(cluster, 5, 5);
        var rooms = hotel.RoomIds.SelectMany(r => r).ToList();
        var statuses = new[] { "DIRTY", "IN_PROGRESS", "CLEAN" };
        var kills = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1.5));
                await cluster.KillAsync("processor");
                await cluster.StartAsync("processor");
            }
        });
        // Each room gets its commands one after another (their order is the room's partition order), rooms side by side:
        // 20 housekeeping changes and 10 one-night blocks on nights of their own, so every block fits.
        var last = new ConcurrentDictionary<Guid, string>();
        await Parallel.ForEachAsync(rooms, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (room, _) =>
        {
            var changes = 0;
            for (var i = 0; i < 30; i++)
            {
                if (i % 3 == 2)
                {
                    var night = Day0.AddDays(i);
                    await cluster.SendExpectingAsync(202, HttpMethod.Post, $"/v1/rooms/{room}/block", hotel.Session.AccessToken,
                        new { from = night, to = night.AddDays(1), reason = "set-aside" }, Booking.Headers());
                }
                else
                {
                    last[room] = statuses[changes++ % statuses.Length];
                    await cluster.SendExpectingAsync(202, HttpMethod.Post, $"/v1/rooms/{room}/housekeeping-status", hotel.Session.AccessToken,
                        new { status = last[room] }, Booking.Headers());
                }
            }
        });
        await kills;

        var tenant = hotel.Session.TenantId;
        var db = cluster.AppConnectionString;
        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, "select count(*) from reservations.commands where aggregate = 'room'")).ShouldBe(300, "every 202 is a durable command");
        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<long>(db, tenant,
            "select count(*) from reservations.commands where state <> 'APPLIED'") == 0, TimeSpan.FromSeconds(120), "every room command is applied",
            TimeSpan.FromMilliseconds(500));
        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, "select count(*) from reservations.inbox")).ShouldBe(300, "each command applied once");
        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, """
            select count(*) from availability.inventory_locks l join reservations.commands c on c.id::text = l.idempotency_key
            where l.kind = 'ROOM_BLOCK' and l.status = 'ACTIVE' and c.kind = 'BLOCK'
            """)).ShouldBe(100, "one block per block command, keyed by the command");
        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, "select count(*) from availability.inventory_locks")).ShouldBe(100, "and nothing else");
        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, "select coalesce(sum(blocked), 0) from availability.inventory_nights")).ShouldBe(100,
            "the ledger blocks one night per block");
        foreach (var room in rooms)
        {
            (await TenantSql.ScalarAsTenantAsync<string>(db, tenant, "select housekeeping_status from inventory.rooms where id = $1", room))
                .ShouldBe(last[room], "the room's commands applied in the order they were sent");
        }

        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<long>(db, tenant,
            "select count(*) from reservations.outbox where topic = 'rooms.applied' and status = 'DELIVERED'") == 300, TimeSpan.FromSeconds(60),
            "one fact per command, delivered");
    }

    [Fact]
    public async Task A_dispatcher_that_dies_between_publish_and_marking_delivered_sends_again_and_the_inbox_absorbs_it()
    {
        var hotel = await Hotel.CreateAsync(cluster, [.. Enumerable.Repeat(4, 5)]);
        await cluster.KillAsync("dispatcher");
        // The crash point: SIGKILL itself right after the broker acknowledged its third batch, before marking it.
        cluster.Settings["Messaging:Outbox:KillAfterPublishedBatches"] = "3";
        IReadOnlyList<Guid> accepted;
        try
        {
            await cluster.StartAsync("dispatcher");
            accepted = await BookAsync(hotel, 300, seed: 3);
            await Eventually.HoldsAsync(() => Task.FromResult(cluster.HasExited("dispatcher")), TimeSpan.FromSeconds(30), "the crash point fired");
        }
        finally
        {
            cluster.Settings.Remove("Messaging:Outbox:KillAfterPublishedBatches");
            await cluster.KillAsync("dispatcher");
            await cluster.StartAsync("dispatcher");
        }

        await AssertInvariantsAsync(hotel, accepted);
        // The batch it died on may hold commands, facts of applied commands, or the guard's inventory facts (another outbox):
        // whichever it was, it went out again after its lease, and the invariants above show no command applied twice.
        var resent = await TenantSql.ScalarAsTenantAsync<long>(cluster.AppConnectionString, hotel.Session.TenantId, """
            select (select count(*) from reservations.outbox where attempts > 1) + (select count(*) from availability.outbox where attempts > 1)
            """);
        resent.ShouldBeGreaterThan(0, "the batch the dispatcher died on was published a second time after its lease");
    }

    [Fact]
    public async Task A_broker_stopped_for_thirty_seconds_under_load_drains_afterwards_without_losing_a_command()
    {
        var hotel = await Hotel.CreateAsync(cluster, [.. Enumerable.Repeat(4, 5)]);
        var accepted = new List<Guid>(await BookAsync(hotel, 100, seed: 4));
        await cluster.PauseBrokerAsync();
        try
        {
            // Acceptance needs only PostgreSQL: the API keeps taking bookings while the broker is gone.
            var during = BookAsync(hotel, 300, seed: 5, spread: TimeSpan.FromSeconds(25));
            await Task.Delay(TimeSpan.FromSeconds(30));
            accepted.AddRange(await during);
            (await TenantSql.ScalarAsTenantAsync<long>(cluster.AppConnectionString, hotel.Session.TenantId,
                "select count(*) from reservations.commands where state = 'PERSISTED'")).ShouldBeGreaterThan(0, "with the broker down, accepted commands wait in the outbox");
        }
        finally
        {
            await cluster.ResumeBrokerAsync();
        }

        accepted.AddRange(await BookAsync(hotel, 100, seed: 6));
        accepted.Distinct().Count().ShouldBe(500);
        await AssertInvariantsAsync(hotel, accepted, TimeSpan.FromSeconds(150));
    }

    /// <summary>Posts creates (random type, arrival and length) 8 at a time; returns the accepted reservation ids.</summary>
    private async Task<IReadOnlyList<Guid>> BookAsync(Hotel hotel, int count, int seed, TimeSpan? spread = null)
    {
        var random = new Random(seed);
        var bodies = Enumerable.Range(0, count).Select(_ =>
        {
            var arrival = Day0.AddDays(random.Next(0, 14));
            return Booking.Create(hotel, arrival, arrival.AddDays(random.Next(1, 4)), random.Next(hotel.RoomTypeIds.Length));
        }).ToList();
        var accepted = new ConcurrentBag<Guid>();
        var pause = spread is { } s ? s / count * 8 : TimeSpan.Zero;
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (body, ct) =>
        {
            var answer = await cluster.SendExpectingAsync(202, HttpMethod.Post, "/v1/reservations", hotel.Session.AccessToken, body, Booking.Headers());
            accepted.Add(answer.GetProperty("reservationId").GetGuid());
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, ct);
            }
        });
        return [.. accepted];
    }

    /// <summary>
    /// Every accepted command decided; one reservation per accepted create; one inbox row per command;
    /// each night's sold count equal to the confirmed reservations on it, never above capacity; gap-free
    /// confirmation numbers; the outbox drained.
    /// </summary>
    private async Task AssertInvariantsAsync(Hotel hotel, IReadOnlyList<Guid> accepted, TimeSpan? timeout = null)
    {
        var tenant = hotel.Session.TenantId;
        var db = cluster.AppConnectionString;
        var commands = await TenantSql.ScalarAsTenantAsync<long>(db, tenant, "select count(*) from reservations.commands");
        commands.ShouldBe(accepted.Count, "every 2xx is a durable command");

        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<long>(db, tenant,
            "select count(*) from reservations.commands where state not in ('APPLIED', 'REJECTED')") == 0,
            timeout ?? TimeSpan.FromSeconds(120), "every accepted command reaches APPLIED or REJECTED", TimeSpan.FromMilliseconds(500));

        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, "select count(*) from reservations.reservations")).ShouldBe(commands, "one reservation per create");
        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, "select count(*) from reservations.inbox")).ShouldBe(commands, "each command applied once");
        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, "select count(*) from reservations.status_history")).ShouldBe(commands,
            "one status change per reservation: nothing was applied twice");
        var confirmed = await TenantSql.ScalarAsTenantAsync<long>(db, tenant, "select count(*) from reservations.reservations where status = 'CONFIRMED'");
        confirmed.ShouldBeGreaterThan(0);
        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, """
            select count(*) from availability.inventory_locks where status = 'ACTIVE' and kind = 'RESERVATION'
            """)).ShouldBe(confirmed, "one inventory lock per confirmed reservation");
        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, """
            select count(*) from availability.inventory_nights n
            full join (select r.room_type_id, d::date as night, count(*) as n from reservations.reservations r,
                           generate_series(r.arrival, r.departure - 1, interval '1 day') d
                       where r.status = 'CONFIRMED' group by 1, 2) b on b.room_type_id = n.room_type_id and b.night = n.night
            where coalesce(n.sold, 0) <> coalesce(b.n, 0) or n.sold > n.capacity + n.oversell_limit
            """)).ShouldBe(0, "every night's ledger equals the confirmed reservations on it and none is oversold");
        (await TenantSql.ScalarAsTenantAsync<long>(db, tenant, """
            select count(*) from (select property_id, count(*) as n, max(confirmation_number::int) as top from reservations.reservations
                                  where confirmation_number is not null group by property_id) c where n <> top
            """)).ShouldBe(0, "confirmation numbers are gap-free");
        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<long>(db, tenant,
            "select count(*) from reservations.outbox where status <> 'DELIVERED'") == 0, TimeSpan.FromSeconds(60), "the outbox drains");
    }
}
