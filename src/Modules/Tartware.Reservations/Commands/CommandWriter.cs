using System.Data.Common;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Tartware.Contracts.Reservations.V1;
using Tartware.Messaging.Outbox;
using Tartware.Reservations.Lifecycle;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Commands;

/// <summary>An accepted command: its ids and the event that carries it.</summary>
internal sealed record AcceptedCommand(Guid CommandId, Guid ReservationId, Guid EventId, string Kind);

/// <summary>
/// The write half of acceptance: in the caller's transaction, the command row (PERSISTED, with its
/// RECEIVED → PERSISTED history) and the outbox row that carries it to <c>reservations.events</c>
/// keyed by reservation id, plus the NOTIFY that wakes the dispatcher at commit. The API commits it
/// with the idempotency row; nothing is sent before that commit.
/// </summary>
internal sealed class CommandWriter(IOptions<ReservationsOptions> options, TimeProvider time)
{
    public async Task<AcceptedCommand> AcceptAsync(DbTransaction tx, Guid tenantId, ReservationCommand command, string actor, string? correlationId,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var commandId = Guid.Parse(command.CommandId);
        var reservationId = Guid.Parse(command.ReservationId);
        var eventId = Guid.CreateVersion7(now);
        var kind = CommandKinds.Of(command);
        var envelope = EnvelopeFactory.Create(eventId, CommandKinds.EventType, tenantId, reservationId, actor, correlationId, null, now, command);
        await tx.Sql("""
            insert into reservations.commands (tenant_id, id, reservation_id, kind, state, outbox_id, actor, correlation_id)
            values ($1, $2, $3, $4, 'PERSISTED', $5, $6, $7)
            """).Bind(tenantId, commandId, reservationId, kind, eventId, actor, envelope.CorrelationId).ExecAsync(ct);
        await LifecycleStore.AcceptedAsync(tx, tenantId, commandId, actor, ct);
        await OutboxAsync(tx, tenantId, eventId, options.Value.CommandTopic, reservationId, CommandKinds.EventType, envelope.ToByteArray(), commandId,
            priority: kind == "CREATE" ? (short)0 : (short)1, ct);
        return new AcceptedCommand(commandId, reservationId, eventId, kind);
    }

    /// <summary>Adds an outbox row (and wakes the dispatcher at commit).</summary>
    public static async Task OutboxAsync(DbTransaction tx, Guid tenantId, Guid id, string topic, Guid key, string eventType, byte[] payload,
        Guid? commandId, short priority, CancellationToken ct)
    {
        await tx.Sql("""
            insert into reservations.outbox (tenant_id, id, topic, message_key, event_type, payload, command_id, priority) values ($1, $2, $3, $4, $5, $6, $7, $8)
            """).Bind(tenantId, id, topic, key.ToString(), eventType, payload, commandId, priority).ExecAsync(ct);
        await tx.Sql("select pg_notify($1, 'reservations.outbox')").Bind(OutboxSource.Channel).ExecAsync(ct);
    }
}
