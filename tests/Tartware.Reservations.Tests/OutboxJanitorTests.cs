using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tartware.Messaging.Outbox;
using Tartware.Reservations.Tests.Infrastructure;
using Tartware.Testing;
using Xunit;

namespace Tartware.Reservations.Tests;

[Collection(ReservationsHostCollection.Name)]
public sealed class OutboxJanitorTests(ReservationsHost host)
{
    [Fact]
    public async Task The_janitor_deletes_only_delivered_rows_past_their_retention()
    {
        var session = await host.NewTenantSessionAsync();
        await TenantSql.ExecuteAsTenantAsync(session.TenantId, """
            insert into reservations.outbox (tenant_id, id, topic, message_key, event_type, payload, status, delivered_at, created_at) values
                ($1, gen_random_uuid(), 'reservations.applied', 'old', 'reservation.created', '\x00'::bytea, 'DELIVERED', now() - interval '8 days', now() - interval '8 days'),
                ($1, gen_random_uuid(), 'reservations.applied', 'recent', 'reservation.created', '\x00'::bytea, 'DELIVERED', now() - interval '1 day', now() - interval '1 day'),
                ($1, gen_random_uuid(), 'reservations.applied', 'parked', 'reservation.created', '\x00'::bytea, 'DLQ', null, now() - interval '9 days')
            """, session.TenantId);

        await host.Services.GetRequiredService<OutboxJanitor>().PurgeOnceAsync(TestContext.Current.CancellationToken);

        var left = await TenantSql.ScalarAsTenantAsync<string>(session.TenantId,
            "select string_agg(message_key, ',' order by message_key) from reservations.outbox where tenant_id = $1", session.TenantId);
        left.ShouldBe("parked,recent", "only the delivered row past the 7-day retention is gone");
        await TenantSql.ExecuteAsTenantAsync(session.TenantId, "delete from reservations.outbox where tenant_id = $1", session.TenantId);
    }
}
