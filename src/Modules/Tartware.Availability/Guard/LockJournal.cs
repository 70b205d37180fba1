using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Facts = Tartware.Contracts.Availability.V1;
using Tartware.Contracts.Messaging.V1;
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

    /// <summary>The dispatcher's NOTIFY channel (Tartware.Messaging <c>OutboxSource.Channel</c>).</summary>
    public const string OutboxChannel = "tartware_outbox";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task RecordAsync(DbTransaction tx, Guid tenantId, Guid lockId, string @event, string actor, string? reason, object? detail, CancellationToken ct) =>
        tx.Sql("""
            insert into availability.lock_events (tenant_id, lock_id, event, actor, reason, detail) values ($1, $2, $3, $4, $5, $6::jsonb)
            """).Bind(tenantId, lockId, @event, actor, reason, detail is null ? null : JsonSerializer.Serialize(detail, Json)).ExecAsync(ct);

    /// <summary>
    /// inventory.locked / inventory.released in an Envelope, keyed by the lock's idempotency key (a
    /// reservation's id) so the facts of one stay keep their order; the NOTIFY wakes the dispatcher at commit.
    /// </summary>
    public static async Task PublishAsync(DbTransaction tx, Guid tenantId, string eventType, LockRecord lockRecord, string? reason, CancellationToken ct)
    {
        var fact = new Facts.Lock
        {
            Id = lockRecord.Id.ToString(),
            PropertyId = lockRecord.PropertyId.ToString(),
            RoomTypeId = lockRecord.RoomTypeId?.ToString() ?? "",
            RoomId = lockRecord.RoomId?.ToString() ?? "",
            Kind = Enum.Parse<Facts.LockKind>(lockRecord.Kind.Replace("_", "", StringComparison.Ordinal), ignoreCase: true),
            Arrival = lockRecord.Arrival.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Departure = lockRecord.Departure == Ledger.LockKinds.OpenEnd ? "" : lockRecord.Departure.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Quantity = lockRecord.Quantity,
            Status = Enum.Parse<Facts.LockStatus>(lockRecord.Status, ignoreCase: true),
            IdempotencyKey = lockRecord.IdempotencyKey,
            Actor = lockRecord.Actor,
            Reason = reason ?? "",
            Forced = lockRecord.Forced,
        };
        IMessage body = eventType == "inventory.locked"
            ? new Facts.InventoryLocked { TenantId = tenantId.ToString(), Lock = fact }
            : new Facts.InventoryReleased { TenantId = tenantId.ToString(), Lock = fact, Reason = reason ?? "" };
        var eventId = Guid.CreateVersion7();
        var envelope = new Envelope
        {
            EventId = eventId.ToString(),
            EventType = eventType + ".v1",
            SchemaVersion = 1,
            TenantId = tenantId.ToString(),
            AggregateId = lockRecord.IdempotencyKey,
            CorrelationId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? "",
            OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow()),
            Actor = lockRecord.Actor,
            Payload = body.ToByteString(),
        };
        await tx.Sql("""
            insert into availability.outbox (tenant_id, id, topic, message_key, event_type, payload) values ($1, $2, $3, $4, $5, $6)
            """).Bind(tenantId, eventId, Topic, lockRecord.IdempotencyKey, envelope.EventType, envelope.ToByteArray()).ExecAsync(ct);
        await tx.Sql("select pg_notify($1, 'availability.outbox')").Bind(OutboxChannel).ExecAsync(ct);
    }
}
