using System.Data.Common;
using System.Text.Json;
using Tartware.Availability.Locks;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Availability.Guard;

/// <summary>
/// The audit row of every lock transition and the matching fact for topic <c>inventory.events</c>,
/// both in the transaction of the change (transactional outbox: a fact exists if and only if the change does).
/// </summary>
internal static class LockJournal
{
    public const string Topic = "inventory.events";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task RecordAsync(DbTransaction tx, Guid tenantId, Guid lockId, string @event, string actor, string? reason, object? detail, CancellationToken ct) =>
        tx.Sql("""
            insert into availability.lock_events (tenant_id, lock_id, event, actor, reason, detail) values ($1, $2, $3, $4, $5, $6::jsonb)
            """).Bind(tenantId, lockId, @event, actor, reason, detail is null ? null : JsonSerializer.Serialize(detail, Json)).ExecAsync(ct);

    /// <summary>inventory.locked / inventory.released, keyed by the lock's idempotency key (a reservation's id) for per-key order.</summary>
    public static Task PublishAsync(DbTransaction tx, Guid tenantId, string eventType, LockRecord lockRecord, string? reason, CancellationToken ct) =>
        tx.Sql("""
            insert into availability.outbox (tenant_id, id, topic, message_key, event_type, payload) values ($1, $2, $3, $4, $5, $6::jsonb)
            """).Bind(tenantId, Guid.CreateVersion7(), Topic, lockRecord.IdempotencyKey, eventType, JsonSerializer.Serialize(new
        {
            lockId = lockRecord.Id,
            tenantId,
            lockRecord.PropertyId,
            lockRecord.RoomTypeId,
            lockRecord.RoomId,
            lockRecord.Kind,
            arrival = lockRecord.Arrival,
            departure = lockRecord.Departure,
            lockRecord.Quantity,
            key = lockRecord.IdempotencyKey,
            reason,
        }, Json)).ExecAsync(ct);
}
