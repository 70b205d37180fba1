using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using Tartware.Contracts.Messaging.V1;
using Tartware.Contracts.Reservations.V1;
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
/// One message, one transaction: inbox row (a second delivery finds it and changes nothing), lifecycle
/// CONSUMED, the applier's decision, lifecycle APPLIED or REJECTED, the fact in the outbox, the offset
/// ledger, and a NOTIFY for waiting API calls. Either all of it commits or none of it does.
/// </summary>
internal sealed class MessageHandler(IUnitOfWorkFactory units, CommandApplier applier, IOptions<ReservationsOptions> options, TimeProvider time)
{
    public const string Actor = "reservation-processor";

    /// <summary>Applies the message; returns the outcome name (applied, rejected, duplicate). Throws on failure.</summary>
    public async Task<string> HandleAsync(MessageOrigin origin, CancellationToken ct)
    {
        var envelope = Envelope.Parser.ParseFrom(origin.Value);
        var tenantId = Guid.Parse(envelope.TenantId);
        var eventId = Guid.Parse(envelope.EventId);
        var command = ReservationCommand.Parser.ParseFrom(envelope.Payload);
        var commandId = Guid.Parse(command.CommandId);

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

        var (state, _) = await LifecycleStore.MoveAsync(tx, tenantId, commandId, CommandState.Consumed, Actor, Where(origin), ct);
        if (state is null)
        {
            throw new InvalidOperationException($"Command {commandId} was never accepted by this platform.");
        }

        if (state == CommandState.Persisted)
        {
            // Consumed before the dispatcher recorded the broker's acknowledgement: record both steps, in order.
            await LifecycleStore.MoveAsync(tx, tenantId, commandId, CommandState.Published, Actor, "delivery observed by the consumer", ct);
            await LifecycleStore.MoveAsync(tx, tenantId, commandId, CommandState.Consumed, Actor, Where(origin), ct);
        }
        else if (CommandLifecycle.IsTerminal(state.Value) || state == CommandState.Dlq)
        {
            // Decided already (a re-sent copy whose first delivery was applied), or parked: only a replay,
            // which moves the command back to PUBLISHED, may send it through again.
            await OffsetLedger.AdvanceAsync(tx, origin.Group, origin.Topic, origin.Partition, origin.Offset, ct);
            await unit.CommitAsync(ct);
            return "duplicate";
        }

        var result = await applier.ApplyAsync(tx, tenantId, command, envelope.Actor, ct);
        if (result.Rejected)
        {
            await tx.Sql("update reservations.commands set rejection_code = $2, rejection_detail = $3 where id = $1")
                .Bind(commandId, result.RejectionCode, result.RejectionDetail).ExecAsync(ct);
        }

        var (_, moved) = await LifecycleStore.MoveAsync(tx, tenantId, commandId, result.Rejected ? CommandState.Rejected : CommandState.Applied, Actor,
            result.Rejected ? $"{result.RejectionCode}: {result.RejectionDetail}" : result.FactType, ct);
        if (!moved)
        {
            throw new InvalidOperationException($"Command {commandId} could not leave CONSUMED.");
        }

        await FactAsync(tx, tenantId, envelope, command, result, ct);
        await OffsetLedger.AdvanceAsync(tx, origin.Group, origin.Topic, origin.Partition, origin.Offset, ct);
        await tx.Sql("select pg_notify($1, $2)").Bind(CommandSignals.Channel, commandId.ToString()).ExecAsync(ct);
        await unit.CommitAsync(ct);
        return result.Rejected ? "rejected" : "applied";
    }

    /// <summary>
    /// Parks a message whose retries ran out: the dead-letter row, the record on the DLQ topic (through
    /// the outbox), lifecycle DLQ, and the ledger past it, in one transaction. Works for messages that
    /// cannot even be read (no tenant, no command).
    /// </summary>
    public async Task DeadLetterAsync(MessageOrigin origin, int attempts, string cause, DateTimeOffset firstFailedAt, CancellationToken ct)
    {
        Envelope? envelope = null;
        ReservationCommand? command = null;
        try
        {
            envelope = Envelope.Parser.ParseFrom(origin.Value);
            command = ReservationCommand.Parser.ParseFrom(envelope.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
        }

        var tenantId = Guid.TryParse(envelope?.TenantId, out var t) ? t : (Guid?)null;
        var commandId = Guid.TryParse(command?.CommandId, out var c) ? c : (Guid?)null;
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
            .Bind(Actor, (tenantId ?? Guid.Empty).ToString()).ExecAsync(ct);
        await tx.Sql("""
            insert into reservations.dead_letters (id, tenant_id, event_id, command_id, reservation_id, event_type, consumer_group, topic, partition, "offset",
                original, attempts, failure_cause, first_failed_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """).Bind(id, tenantId, Guid.TryParse(envelope?.EventId, out var e) ? e : null, commandId,
                Guid.TryParse(command?.ReservationId, out var r) ? r : null, envelope?.EventType, origin.Group, origin.Topic, origin.Partition, origin.Offset,
                origin.Value, attempts, cause.Length > 2000 ? cause[..2000] : cause, firstFailedAt)
            .ExecAsync(ct);
        if (tenantId is { } tenant && commandId is { } commandKey)
        {
            var (state, _) = await LifecycleStore.MoveAsync(tx, tenant, commandKey, CommandState.Consumed, Actor, Where(origin), ct);
            if (state == CommandState.Persisted)
            {
                await LifecycleStore.MoveAsync(tx, tenant, commandKey, CommandState.Published, Actor, "delivery observed by the consumer", ct);
                await LifecycleStore.MoveAsync(tx, tenant, commandKey, CommandState.Consumed, Actor, Where(origin), ct);
            }

            await LifecycleStore.MoveAsync(tx, tenant, commandKey, CommandState.Dlq, Actor, $"after {attempts} attempts: {cause}", ct);
            await tx.Sql("select pg_notify($1, $2)").Bind(CommandSignals.Channel, commandKey.ToString()).ExecAsync(ct);
        }

        // Keyed by the letter itself: a DLQ record that cannot be sent must not hold back the reservation's later commands.
        await CommandWriter.OutboxAsync(tx, tenantId ?? Guid.Empty, id, options.Value.DlqTopic, id,
            "reservations.dead_letter.v1", letter.ToByteArray(), null, 0, ct);
        await OffsetLedger.AdvanceAsync(tx, origin.Group, origin.Topic, origin.Partition, origin.Offset, ct);
        await unit.CommitAsync(ct);
    }

    private async Task FactAsync(System.Data.Common.DbTransaction tx, Guid tenantId, Envelope cause, ReservationCommand command, ApplyResult result,
        CancellationToken ct)
    {
        var fact = new ReservationFact
        {
            CommandId = command.CommandId,
            RejectionCode = result.RejectionCode ?? string.Empty,
            RejectionDetail = result.RejectionDetail ?? string.Empty,
        };
        if (result.Reservation is { } reservation)
        {
            fact.Reservation = reservation.ToSnapshot();
            if (reservation.Stay.Fallback is { } fallback)
            {
                fact.Fallback = fallback;
            }
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var aggregate = Guid.Parse(command.ReservationId);
        var envelope = EnvelopeFactory.Create(id, result.FactType, tenantId, aggregate, cause.Actor, cause.CorrelationId, cause.EventId, now, fact);
        await CommandWriter.OutboxAsync(tx, tenantId, id, options.Value.FactTopic, aggregate, result.FactType, envelope.ToByteArray(), null, 0, ct);
    }

    private static string Where(MessageOrigin origin) => $"{origin.Topic}/{origin.Partition}@{origin.Offset}";
}
