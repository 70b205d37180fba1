using System.Data.Common;
using Tartware.Messaging.Outbox;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Lifecycle;

/// <summary>
/// Lifecycle PUBLISHED: when the dispatcher records the broker's acknowledgement of a command's outbox
/// row, the command moves PERSISTED → PUBLISHED in that same transaction (per tenant, under its RLS).
/// A command the processor has already consumed is past PUBLISHED and is left alone.
/// </summary>
internal sealed class CommandDeliveryListener : IOutboxDeliveryListener
{
    public string Table => "reservations.outbox";

    public async Task DeliveredAsync(DbTransaction transaction, IReadOnlyList<(Guid TenantId, Guid Id)> rows, CancellationToken cancellationToken)
    {
        foreach (var tenant in rows.GroupBy(r => r.TenantId))
        {
            await transaction.Sql("select set_config('app.tenant_id', $1, true)").Bind(tenant.Key.ToString()).ExecAsync(cancellationToken);
            await transaction.Sql("""
                with published as (
                    update reservations.commands c set state = 'PUBLISHED', updated_at = now()
                    from reservations.outbox o
                    where o.tenant_id = $1 and o.id = any($2) and o.command_id is not null and c.tenant_id = o.tenant_id and c.id = o.command_id
                      and c.state = 'PERSISTED'
                    returning c.id)
                insert into reservations.command_transitions (tenant_id, command_id, from_state, to_state, actor, detail)
                select $1, id, 'PERSISTED', 'PUBLISHED', 'outbox-dispatcher', 'acknowledged by the broker' from published
                """).Bind(tenant.Key, tenant.Select(r => r.Id).ToArray()).ExecAsync(cancellationToken);
        }
    }
}
