using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Tartware.Contracts.Messaging.V1;
using Tartware.Messaging.Lifecycle;
using Tartware.Reservations.Api;
using Tartware.Reservations.Commands;
using Tartware.Reservations.Lifecycle;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Processing;

/// <summary>Where a consumed message came from.</summary>
internal sealed record MessageOrigin(string Group, string Topic, int Partition, long Offset, byte[] Value);

/// <summary>
/// One message, one transaction, for every command stream: inbox row (a second delivery finds it and
/// changes nothing), lifecycle CONSUMED, the stream applier's decision, lifecycle APPLIED or REJECTED,
/// the fact in the outbox, the offset ledger, and a NOTIFY for waiting API calls. Either all of it
/// commits or none of it does.
/// </summary>
internal sealed class MessageHandler(IUnitOfWorkFactory units, IEnumerable<IStreamApplier> appliers, TimeProvider time)
{
    private readonly Dictionary<string, IStreamApplier> _appliers = appliers.ToDictionary(a => a.EventType, StringComparer.Ordinal);

    /// <summary>Applies the message; returns the outcome name (applied, rejected, duplicate). Throws on failure.</summary>
    public async Task<string> HandleAsync(CommandStream stream, MessageOrigin origin, CancellationToken ct)
    {
        var envelope = Envelope.Parser.ParseFrom(origin.Value);
        var tenantId = Guid.Parse(envelope.TenantId);
        var eventId = Guid.Parse(envelope.EventId);
        if (envelope.EventType != stream.EventType || !_appliers.TryGetValue(envelope.EventType, out var applier))
        {
            // A misrouted message would apply outside its aggregate's partition order: a failure, so it is dead-lettered.
            throw new InvalidOperationException($"Event type '{envelope.EventType}' does not belong on {origin.Topic} (stream {stream.Name}).");
        }

        var command = CommandCodec.Parse(envelope.EventType, envelope.Payload)!;
        var ids = CommandCodec.Ids(command) ?? throw new InvalidOperationException($"Event {eventId} carries a command without ids.");
        var commandId = ids.CommandId;

        await using var unit = await units.BeginAsync(tenantId, ct);
        var tx = unit.Transaction;
        var fresh = await tx.Sql("insert into reservations.inbox (tenant_id, event_id, command_id) values ($1, $2, $3) on conflict do nothing")
            .Bind(tenantId, eventId, commandId).ExecAsync(ct);
        if (fresh == 0)
        {
            await OffsetLedger.AdvanceAsync(tx, origin.Group, origin.Topic, origin.Partition, origin.Offset, ct);
            await unit.CommitAsync(ct);
            return "duplicate";
        }

        var (state, _) = await LifecycleStore.MoveAsync(tx, tenantId, commandId, CommandState.Consumed, stream.Actor, Where(origin), ct);
        if (state is null)
        {
            throw new InvalidOperationException($"Command {commandId} was never accepted by this platform.");
        }

        if (state == CommandState.Persisted)
        {
            // Consumed before the dispatcher recorded the broker's acknowledgement: record both steps, in order.
            await LifecycleStore.MoveAsync(tx, tenantId, commandId, CommandState.Published, stream.Actor, "delivery observed by the consumer", ct);
            await LifecycleStore.MoveAsync(tx, tenantId, commandId, CommandState.Consumed, stream.Actor, Where(origin), ct);
        }
        else if (CommandLifecycle.IsTerminal(state.Value) || state == CommandState.Dlq)
        {
            // Decided already (a re-sent copy whose first delivery was applied), or parked: only a replay,
            // which moves the command back to PUBLISHED, may send it through again.
            if (state == CommandState.Dlq)
            {
                // A late copy of a parked command: its replay keeps this event id, so the inbox must not remember it.
                await tx.Sql("delete from reservations.inbox where tenant_id = $1 and event_id = $2").Bind(tenantId, eventId).ExecAsync(ct);
            }

            await OffsetLedger.AdvanceAsync(tx, origin.Group, origin.Topic, origin.Partition, origin.Offset, ct);
            await unit.CommitAsync(ct);
            return "duplicate";
        }

        var decision = await applier.ApplyAsync(tx, tenantId, envelope, command, ct);
        if (decision.Rejected || decision.Result is not null)
        {
            // Only when there is something to keep: an applied reservation command has no result, and this row is hot (the bench).
            await tx.Sql("update reservations.commands set rejection_code = $2, rejection_detail = $3, result = $4::jsonb where id = $1")
                .Bind(commandId, decision.RejectionCode, decision.RejectionDetail, decision.Result).ExecAsync(ct);
        }

        var (_, moved) = await LifecycleStore.MoveAsync(tx, tenantId, commandId, decision.Rejected ? CommandState.Rejected : CommandState.Applied, stream.Actor,
            decision.Rejected ? $"{decision.RejectionCode}: {decision.RejectionDetail}" : decision.FactType, ct);
        if (!moved)
        {
            throw new InvalidOperationException($"Command {commandId} could not leave CONSUMED.");
        }

        var now = time.GetUtcNow();
        var factId = Guid.CreateVersion7(now);
        var fact = EnvelopeFactory.Create(factId, decision.FactType, tenantId, ids.AggregateId, envelope.Actor, envelope.CorrelationId, envelope.EventId, now,
            decision.Fact);
        await CommandWriter.OutboxAsync(tx, tenantId, factId, stream.FactTopic, ids.AggregateId, decision.FactType, fact.ToByteArray(), null, 0, ct);
        await OffsetLedger.AdvanceAsync(tx, origin.Group, origin.Topic, origin.Partition, origin.Offset, ct);
        await tx.Sql("select pg_notify($1, $2)").Bind(CommandSignals.Channel, commandId.ToString()).ExecAsync(ct);
        await unit.CommitAsync(ct);
        return decision.Rejected ? "rejected" : "applied";
    }

    /// <summary>
    /// Parks a message whose retries ran out: the dead-letter row, the record on the stream's DLQ topic
    /// (through the outbox), lifecycle DLQ, and the ledger past it, in one transaction. Works for messages
    /// that cannot even be read (no tenant, no command).
    /// </summary>
    public async Task DeadLetterAsync(CommandStream stream, MessageOrigin origin, int attempts, string cause, DateTimeOffset firstFailedAt, CancellationToken ct)
    {
        Envelope? envelope = null;
        CommandIds? ids = null;
        try
        {
            envelope = Envelope.Parser.ParseFrom(origin.Value);
            ids = CommandCodec.Parse(envelope.EventType, envelope.Payload) is { } command ? CommandCodec.Ids(command) : null;
        }
        catch (InvalidProtocolBufferException)
        {
        }

        var tenantId = Guid.TryParse(envelope?.TenantId, out var t) ? t : (Guid?)null;
        var commandId = ids?.CommandId;
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var letter = new DeadLetter
        {
            DeadLetterId = id.ToString(),
            Original = ByteString.CopyFrom(origin.Value),
            EventId = envelope?.EventId ?? string.Empty,
            EventType = envelope?.EventType ?? string.Empty,
            TenantId = envelope?.TenantId ?? string.Empty,
            Attempts = attempts,
            RetryCount = (envelope?.RetryCount ?? 0) + attempts - 1,
            AttemptedAt = Timestamp.FromDateTimeOffset(now),
            FailureCause = cause,
            Topic = origin.Topic,
            Partition = origin.Partition,
            Offset = origin.Offset,
            FirstFailedAt = Timestamp.FromDateTimeOffset(firstFailedAt),
            DeadAt = Timestamp.FromDateTimeOffset(now),
            ConsumerGroup = origin.Group,
        };

        await using var unit = await units.BeginWithoutTenantAsync(ct);
        var tx = unit.Transaction;
        await tx.Sql("select set_config('app.worker', $1, true), set_config('app.tenant_id', $2, true)")
            .Bind(stream.Actor, (tenantId ?? Guid.Empty).ToString()).ExecAsync(ct);
        await tx.Sql("""
            insert into reservations.dead_letters (id, tenant_id, event_id, command_id, reservation_id, event_type, consumer_group, topic, partition, "offset",
                original, attempts, failure_cause, first_failed_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """).Bind(id, tenantId, Guid.TryParse(envelope?.EventId, out var e) ? e : null, commandId,
                stream.Aggregate == CommandStream.Reservation ? ids?.AggregateId : null, envelope?.EventType, origin.Group, origin.Topic, origin.Partition,
                origin.Offset, origin.Value, attempts, cause.Length > 2000 ? cause[..2000] : cause, firstFailedAt)
            .ExecAsync(ct);
        if (tenantId is { } tenant && commandId is { } commandKey)
        {
            var (state, _) = await LifecycleStore.MoveAsync(tx, tenant, commandKey, CommandState.Consumed, stream.Actor, Where(origin), ct);
            if (state == CommandState.Persisted)
            {
                await LifecycleStore.MoveAsync(tx, tenant, commandKey, CommandState.Published, stream.Actor, "delivery observed by the consumer", ct);
                await LifecycleStore.MoveAsync(tx, tenant, commandKey, CommandState.Consumed, stream.Actor, Where(origin), ct);
            }

            await LifecycleStore.MoveAsync(tx, tenant, commandKey, CommandState.Dlq, stream.Actor, $"after {attempts} attempts: {cause}", ct);
            await tx.Sql("select pg_notify($1, $2)").Bind(CommandSignals.Channel, commandKey.ToString()).ExecAsync(ct);
        }

        // Keyed by the letter itself: a DLQ record that cannot be sent must not hold back the aggregate's later commands.
        await CommandWriter.OutboxAsync(tx, tenantId ?? Guid.Empty, id, stream.DlqTopic, id, stream.DeadLetterType, letter.ToByteArray(), null, 0, ct);
        await OffsetLedger.AdvanceAsync(tx, origin.Group, origin.Topic, origin.Partition, origin.Offset, ct);
        await unit.CommitAsync(ct);
    }

    private static string Where(MessageOrigin origin) => $"{origin.Topic}/{origin.Partition}@{origin.Offset}";
}
