using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Availability.Tests.Infrastructure;
using Tartware.Contracts.Availability.V1;
using Tartware.Contracts.Messaging.V1;
using Tartware.Messaging;
using Tartware.Testing;
using Xunit;

namespace Tartware.Availability.Tests;

/// <summary>Inventory facts go through the transactional outbox and the dispatcher to topic inventory.events.</summary>
[Collection(AvailabilityHostCollection.Name)]
public sealed class OutboxTests(AvailabilityHost host)
{
    private static readonly DateOnly Arrival = Hotel.Day0.AddDays(500);

    [Fact]
    public async Task A_hold_and_its_release_reach_kafka_in_order_as_envelopes_and_each_row_is_delivered_once()
    {
        using var consumer = host.Services.GetRequiredService<IKafkaClientFactory>()
            .CreateConsumer<string, byte[]>("test-" + Guid.NewGuid().ToString("N"), "outbox-test");
        consumer.Subscribe("inventory.events");
        var hotel = await Hotel.CreateAsync(host, 1);
        var key = Guid.NewGuid().ToString();
        var hold = await host.SendExpectingAsync(201, HttpMethod.Post, "/v1/availability/locks", hotel.Session.AccessToken,
            Hotel.HoldBody(hotel, Arrival, Arrival.AddDays(2), key: key));
        var lockId = hold.GetProperty("id").GetGuid();
        await host.SendExpectingAsync(204, HttpMethod.Delete, $"/v1/availability/locks/{lockId}", hotel.Session.AccessToken);

        var seen = new List<Envelope>();
        await Eventually.HoldsAsync(() =>
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is { } message && message.Key == "hold:" + key)
            {
                seen.Add(Envelope.Parser.ParseFrom(message.Value));
            }

            return Task.FromResult(seen.Count >= 2);
        }, TimeSpan.FromSeconds(45), "both facts arrive on inventory.events", TimeSpan.FromMilliseconds(1));

        seen.Select(e => e.EventType).ShouldBe(["inventory.locked.v1", "inventory.released.v1"]);
        seen.ShouldAllBe(e => e.TenantId == hotel.Session.TenantId.ToString() && e.AggregateId == "hold:" + key);
        InventoryLocked.Parser.ParseFrom(seen[0].Payload).Lock.Id.ShouldBe(lockId.ToString());
        InventoryReleased.Parser.ParseFrom(seen[1].Payload).Lock.Kind.ShouldBe(LockKind.Hold);
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from availability.outbox where message_key = $1 and status = 'DELIVERED' and attempts = 1", "hold:" + key)).ShouldBe(2);
    }

    [Fact]
    public async Task A_row_left_in_progress_by_a_dead_dispatcher_is_reclaimed_after_its_lease()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var id = Guid.NewGuid();
        var envelope = new Envelope { EventId = id.ToString(), EventType = "inventory.locked.v1", TenantId = hotel.Session.TenantId.ToString() };
        await TenantSql.ExecuteAsTenantAsync(hotel.Session.TenantId, """
            insert into availability.outbox (tenant_id, id, topic, message_key, event_type, payload, status, attempts, lease_owner, lease_until)
            values ($1, $2, 'inventory.events', 'orphan', 'inventory.locked.v1', $3, 'IN_PROGRESS', 1, 'dead-dispatcher', now() - interval '1 minute')
            """, hotel.Session.TenantId, id, Google.Protobuf.MessageExtensions.ToByteArray(envelope));

        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<string>(hotel.Session.TenantId,
            "select status from availability.outbox where id = $1", id) == "DELIVERED", TimeSpan.FromSeconds(30), "the row is reclaimed and delivered");
        (await TenantSql.ScalarAsTenantAsync<int>(hotel.Session.TenantId, "select attempts from availability.outbox where id = $1", id)).ShouldBe(2);
    }

    [Fact]
    public async Task Reliability_health_reflects_an_injected_backlog_and_recovers_when_it_drains()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        // 120 rows due only in an hour: the dispatcher leaves them, the check counts them.
        await TenantSql.ExecuteAsTenantAsync(hotel.Session.TenantId, """
            insert into availability.outbox (tenant_id, id, topic, message_key, event_type, payload, next_attempt_at)
            select $1, gen_random_uuid(), 'inventory.events', 'backlog', 'inventory.locked.v1', '\x00'::bytea, now() + interval '1 hour'
            from generate_series(1, 120)
            """, hotel.Session.TenantId);
        try
        {
            using var degraded = await host.Client.GetAsync("/health/reliability", TestContext.Current.CancellationToken);
            degraded.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            var body = System.Text.Json.JsonDocument.Parse(await degraded.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            body.GetProperty("status").GetString().ShouldBe("Degraded");
            body.GetProperty("checks")[0].GetProperty("description").GetString()!.ShouldContain("availability.outbox backlog");
        }
        finally
        {
            await TenantSql.ExecuteAsTenantAsync(hotel.Session.TenantId, "delete from availability.outbox where message_key = 'backlog'");
        }

        await Eventually.HoldsAsync(async () =>
        {
            using var response = await host.Client.GetAsync("/health/reliability");
            return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString() == "Healthy";
        }, TimeSpan.FromSeconds(30), "the reliability check is healthy once the backlog is gone");
    }

    [Fact]
    public async Task Outbox_requeue_sends_dlq_rows_again_and_audits_it()
    {
        var hotel = await Hotel.CreateAsync(host, 1);
        var id = Guid.NewGuid();
        var envelope = new Envelope { EventId = id.ToString(), EventType = "inventory.locked.v1", TenantId = hotel.Session.TenantId.ToString() };
        await TenantSql.ExecuteAsTenantAsync(hotel.Session.TenantId, """
            insert into availability.outbox (tenant_id, id, topic, message_key, event_type, payload, status, attempts, last_error)
            values ($1, $2, 'inventory.events', 'parked', 'inventory.locked.v1', $3, 'DLQ', 10, 'broker said no')
            """, hotel.Session.TenantId, id, Google.Protobuf.MessageExtensions.ToByteArray(envelope));

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Host.Cli.TartwareCli.InvokeAsync(
            ["outbox", "requeue", "--status", "DLQ", "--tenant", hotel.Session.TenantId.ToString(), "--actor", "ops-test"], output, error,
            TestContext.Current.CancellationToken);
        exit.ShouldBe(0, error.ToString());
        System.Text.Json.JsonDocument.Parse(output.ToString()).RootElement.GetProperty("requeued").GetInt32().ShouldBe(1);

        await Eventually.HoldsAsync(async () => await TenantSql.ScalarAsTenantAsync<string>(hotel.Session.TenantId,
            "select status from availability.outbox where id = $1", id) == "DELIVERED", TimeSpan.FromSeconds(30), "the requeued row is delivered");
        (await TenantSql.ScalarAsTenantAsync<long>(hotel.Session.TenantId,
            "select count(*) from messaging.operations_audit where actor = 'ops-test' and detail->>'tenantId' = $1", hotel.Session.TenantId.ToString()))
            .ShouldBe(1);
    }

    [Fact]
    public async Task Later_facts_of_a_key_wait_for_an_earlier_one_held_by_another_dispatcher()
    {
        using var consumer = host.Services.GetRequiredService<IKafkaClientFactory>()
            .CreateConsumer<string, byte[]>("test-" + Guid.NewGuid().ToString("N"), "outbox-order-test");
        consumer.Subscribe("inventory.events");
        var hotel = await Hotel.CreateAsync(host, 1);
        var key = "ordered-" + Guid.NewGuid().ToString("N");
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        // The first fact is held by a (dead) dispatcher whose lease runs 3 more seconds; the next two are due now.
        for (var i = 0; i < ids.Length; i++)
        {
            var envelope = new Envelope { EventId = ids[i].ToString(), EventType = "inventory.locked.v1", TenantId = hotel.Session.TenantId.ToString() };
            await TenantSql.ExecuteAsTenantAsync(hotel.Session.TenantId, i == 0
                ? """
                  insert into availability.outbox (tenant_id, id, topic, message_key, event_type, payload, status, attempts, lease_owner, lease_until)
                  values ($1, $2, 'inventory.events', $3, 'inventory.locked.v1', $4, 'IN_PROGRESS', 1, 'dead-dispatcher', now() + interval '3 seconds')
                  """
                : """
                  insert into availability.outbox (tenant_id, id, topic, message_key, event_type, payload)
                  values ($1, $2, 'inventory.events', $3, 'inventory.locked.v1', $4)
                  """, hotel.Session.TenantId, ids[i], key, Google.Protobuf.MessageExtensions.ToByteArray(envelope));
        }

        var order = new List<string>();
        await Eventually.HoldsAsync(() =>
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is { } message && message.Key == key)
            {
                order.Add(Envelope.Parser.ParseFrom(message.Value).EventId);
            }

            return Task.FromResult(order.Count >= 3);
        }, TimeSpan.FromSeconds(45), "the three facts arrive", TimeSpan.FromMilliseconds(1));

        order.ShouldBe(ids.Select(i => i.ToString()));
    }
}
