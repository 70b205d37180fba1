using System.Text.Json;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Messaging.Outbox;

/// <summary>Operations on outbox rows (<c>tartware outbox requeue</c>).</summary>
public interface IOutboxOperations
{
    /// <summary>
    /// Puts FAILED or DLQ rows back to PENDING with a fresh attempt budget, filtered by tenant, event type
    /// and creation time; audited in <c>messaging.operations_audit</c>; wakes the dispatchers.
    /// </summary>
    Task<OutboxRequeued> RequeueAsync(OutboxRequeue request, CancellationToken cancellationToken = default);
}

/// <summary>What to requeue.</summary>
/// <param name="Status">FAILED or DLQ.</param>
/// <param name="TenantId">Only this tenant's rows.</param>
/// <param name="EventType">Only this event type.</param>
/// <param name="Since">Only rows created at or after this instant.</param>
/// <param name="Actor">Who does it (recorded in the audit).</param>
public sealed record OutboxRequeue(string Status, Guid? TenantId, string? EventType, DateTimeOffset? Since, string Actor);

/// <summary>What was requeued, per outbox table.</summary>
/// <param name="Requeued">Rows put back to PENDING.</param>
/// <param name="ByOutbox">Count per outbox table.</param>
public sealed record OutboxRequeued(int Requeued, IReadOnlyDictionary<string, int> ByOutbox);

internal sealed class OutboxOperations(IUnitOfWorkFactory units, IEnumerable<OutboxSource> sources) : IOutboxOperations
{
    public async Task<OutboxRequeued> RequeueAsync(OutboxRequeue request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status is not ("FAILED" or "DLQ"))
        {
            throw new ArgumentException("Only FAILED or DLQ rows can be requeued.", nameof(request));
        }

        var byOutbox = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        await unit.Sql("select set_config('app.worker', $1, true)").Bind(OutboxSource.Worker).ExecAsync(cancellationToken);
        foreach (var source in sources.DistinctBy(s => s.Table))
        {
            byOutbox[source.Table] = await unit.Sql($"""
                update {source.Table} set status = 'PENDING', attempts = 0, next_attempt_at = now(), lease_owner = null, lease_until = null
                where status = $1 and ($2::uuid is null or tenant_id = $2) and ($3::text is null or event_type = $3)
                  and ($4::timestamptz is null or created_at >= $4)
                """).Bind(request.Status, request.TenantId, request.EventType, request.Since).ExecAsync(cancellationToken);
        }

        var total = byOutbox.Values.Sum();
        await unit.Sql("insert into messaging.operations_audit (actor, operation, detail) values ($1, 'outbox.requeue', $2::jsonb)")
            .Bind(request.Actor, JsonSerializer.Serialize(new
            {
                request.Status,
                request.TenantId,
                request.EventType,
                request.Since,
                requeued = total,
                byOutbox,
            }, JsonSerializerOptions.Web)).ExecAsync(cancellationToken);
        await unit.Sql("select pg_notify($1, 'requeue')").Bind(OutboxSource.Channel).ExecAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return new OutboxRequeued(total, byOutbox);
    }
}
