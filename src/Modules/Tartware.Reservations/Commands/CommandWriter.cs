using System.Data.Common;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Tartware.Contracts.Reservations.V1;
using Tartware.Contracts.Rooms.V1;
using Tartware.Reservations.Processing;
using Tartware.Messaging.Outbox;
using Tartware.Reservations.Lifecycle;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Commands;

/// <summary>An accepted command: its ids and the event that carries it.</summary>
internal sealed record AcceptedCommand(Guid CommandId, Guid AggregateId, Guid EventId, string Kind);

/// <summary>
/// The write half of acceptance: in the caller's transaction, the command row (PERSISTED, with its
/// RECEIVED → PERSISTED history) and the outbox row that carries it to its stream's topic keyed by
/// the aggregate id (reservation or room), plus the NOTIFY that wakes the dispatcher at commit. The
/// API commits it with the idempotency row; nothing is sent before that commit.
/// </summary>
internal sealed class CommandWriter(IOptions<ReservationsOptions> options, TimeProvider time)
{
    public Task<AcceptedCommand> AcceptAsync(DbTransaction tx, Guid tenantId, ReservationCommand command, string actor, string? correlationId,
        CancellationToken ct)
    {
        var kind = CommandKinds.Of(command);
        // Creates first: a new booking should not wait behind a burst of changes.
        return WriteAsync(tx, tenantId, options.Value.ReservationStream, kind, CommandKinds.EventType, command, actor, correlationId,
            kind == "CREATE" ? (short)0 : (short)1, ct);
    }

    public Task<AcceptedCommand> AcceptAsync(DbTransaction tx, Guid tenantId, RoomCommand command, string actor, string? correlationId, CancellationToken ct) =>
        WriteAsync(tx, tenantId, options.Value.RoomStream, RoomCommandKinds.Of(command), RoomCommandKinds.EventType, command, actor, correlationId, 1, ct);

    private async Task<AcceptedCommand> WriteAsync(DbTransaction tx, Guid tenantId, CommandStream stream, string kind, string eventType, IMessage command,
        string actor, string? correlationId, short priority, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var ids = CommandCodec.Ids(command) ?? throw new ArgumentException("The command carries no ids.", nameof(command));
        var eventId = Guid.CreateVersion7(now);
        var envelope = EnvelopeFactory.Create(eventId, eventType, tenantId, ids.AggregateId, actor, correlationId, null, now, command);
        await tx.Sql("""
            insert into reservations.commands (tenant_id, id, aggregate, aggregate_id, kind, state, outbox_id, actor, correlation_id)
            values ($1, $2, $3, $4, $5, 'PERSISTED', $6, $7, $8)
            """).Bind(tenantId, ids.CommandId, stream.Aggregate, ids.AggregateId, kind, eventId, actor, envelope.CorrelationId).ExecAsync(ct);
        await LifecycleStore.AcceptedAsync(tx, tenantId, ids.CommandId, actor, ct);
        await OutboxAsync(tx, tenantId, eventId, stream.CommandTopic, ids.AggregateId, eventType, envelope.ToByteArray(), ids.CommandId, priority, ct);
        return new AcceptedCommand(ids.CommandId, ids.AggregateId, eventId, kind);
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
