using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Tartware.Contracts.Messaging.V1;
using Tartware.Contracts.Reservations;
using Tartware.Messaging.Lifecycle;
using Tartware.Messaging.Outbox;
using Tartware.Reservations.Commands;
using Tartware.Reservations.Lifecycle;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Operations;

/// <summary><see cref="IDeadLetterOperations"/> over <c>reservations.dead_letters</c> (worker <c>dlq-operator</c>).</summary>
internal sealed class DeadLetterOperations(IUnitOfWorkFactory units, TimeProvider time) : IDeadLetterOperations
{
    public const string Worker = "dlq-operator";

    private const string Columns = """
        id, dead_at, tenant_id, event_type, command_id, reservation_id, attempts, failure_cause, status, replays, topic, partition, "offset",
        original, first_failed_at, replayed_at, replayed_by
        """;

    public async Task<IReadOnlyList<DeadLetterSummary>> ListAsync(string? status, Guid? tenantId, int limit, CancellationToken cancellationToken = default)
    {
        var wanted = (status ?? "PARKED").ToUpperInvariant();
        if (wanted is not ("PARKED" or "REPLAYED" or "DISCARDED"))
        {
            throw new ArgumentException("status is PARKED, REPLAYED or DISCARDED.", nameof(status));
        }

        await using var unit = await OpenAsync(cancellationToken);
        var rows = await unit.Sql($"""
            select {Columns} from reservations.dead_letters where status = $1 and ($2::uuid is null or tenant_id = $2) order by dead_at desc limit $3
            """).Bind(wanted, tenantId, Math.Clamp(limit, 1, 1000)).RowsAsync(Summary, cancellationToken);
        return rows;
    }

    public async Task<DeadLetterDetail?> ShowAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var unit = await OpenAsync(cancellationToken);
        var rows = await unit.Sql($"select {Columns} from reservations.dead_letters where id = $1").Bind(id)
            .RowsAsync(r => (Summary: Summary(r), Original: r.GetFieldValue<byte[]>(13), First: r.GetFieldValue<DateTimeOffset>(14),
                ReplayedAt: r.IsDBNull(15) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(15), By: r.IsDBNull(16) ? null : r.GetString(16)),
                cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var row = rows[0];
        var (envelope, command) = Decode(row.Original);
        return new DeadLetterDetail(row.Summary, envelope?.EventId, envelope?.CorrelationId, envelope?.RetryCount ?? 0,
            command is null ? null : JsonFormatter.Default.Format(command), row.First, row.ReplayedAt, row.By);
    }

    public async Task<DeadLetterReplayed> ReplayAsync(Guid id, string? patchJson, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var unit = await OpenAsync(cancellationToken);
        var tx = unit.Transaction;
        var rows = await tx.Sql($"select {Columns} from reservations.dead_letters where id = $1 for update").Bind(id)
            .RowsAsync(r => (Summary: Summary(r), Original: r.GetFieldValue<byte[]>(13)), cancellationToken);
        if (rows.Count == 0)
        {
            throw new KeyNotFoundException($"No dead letter {id}.");
        }

        var (letter, original) = rows[0];
        if (letter.Status != "PARKED")
        {
            throw new InvalidOperationException($"Dead letter {id} was already replayed; a replay that failed again is a new dead letter.");
        }

        var (envelope, command) = Decode(original);
        if (envelope is null || command is null || letter.TenantId is not { } tenantId || letter.CommandId is not { } commandId)
        {
            throw new InvalidOperationException($"Dead letter {id} is not a readable reservation or room command; it cannot be replayed (see docs/runbooks/dlq-and-replay.md).");
        }

        if (patchJson is not null)
        {
            command = Patch(command, patchJson);
        }

        var now = time.GetUtcNow();
        // Same event id: if an earlier copy was applied after all, the inbox drops this one.
        envelope.Payload = command.ToByteString();
        envelope.RetryCount += letter.Attempts;
        envelope.AttemptedAt = Timestamp.FromDateTimeOffset(now);
        envelope.FailureCause = letter.FailureCause;
        // Every replay of this command so far (each failed replay parks a new letter): the n-th replay is /replay-n.
        var earlier = await tx.Sql("select count(*) from reservations.dead_letters where command_id = $1 and status = 'REPLAYED'")
            .Bind(commandId).ScalarAsync<long>(cancellationToken);
        var baseCorrelation = envelope.CorrelationId.Split("/replay-")[0];
        envelope.CorrelationId = $"{baseCorrelation}/replay-{earlier + 1}";
        envelope.CausationId = "dead-letter:" + id;
        var outboxId = Guid.CreateVersion7(now);

        await tx.Sql("select set_config('app.tenant_id', $1, true)").Bind(tenantId.ToString()).ExecAsync(cancellationToken);
        var (_, moved) = await LifecycleStore.MoveAsync(tx, tenantId, commandId, CommandState.Published, actor,
            $"replayed from dead letter {id}{(patchJson is null ? "" : " with a patch")}", cancellationToken);
        if (!moved)
        {
            throw new InvalidOperationException($"Command {commandId} is not in DLQ; nothing to replay.");
        }

        await tx.Sql("update reservations.commands set outbox_id = $2, correlation_id = $3 where id = $1")
            .Bind(commandId, outboxId, envelope.CorrelationId).ExecAsync(cancellationToken);
        await CommandWriter.OutboxAsync(tx, tenantId, outboxId, letter.Topic, CommandCodec.Ids(command)!.AggregateId, envelope.EventType, envelope.ToByteArray(),
            commandId, 1, cancellationToken);
        await tx.Sql("update reservations.dead_letters set status = 'REPLAYED', replays = replays + 1, replayed_at = $2, replayed_by = $3 where id = $1")
            .Bind(id, now, actor).ExecAsync(cancellationToken);
        await tx.Sql("insert into messaging.operations_audit (actor, operation, detail) values ($1, 'dlq.replay', $2::jsonb)")
            .Bind(actor, JsonSerializer.Serialize(new { deadLetter = id, tenantId, commandId, patched = patchJson is not null, patchedFields = PatchedPaths(patchJson), outboxId },
                JsonSerializerOptions.Web)).ExecAsync(cancellationToken);
        await tx.Sql("select pg_notify($1, 'reservations.outbox')").Bind(OutboxSource.Channel).ExecAsync(cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return new DeadLetterReplayed(id, commandId, outboxId, patchJson is not null, envelope.RetryCount, envelope.CorrelationId);
    }

    /// <summary>RFC 7386 merge patch over the command's protobuf JSON form (a reservation or a room command); the ids and the kind must stay.</summary>
    internal static T Patch<T>(T command, string patchJson)
        where T : IMessage
    {
        var target = JsonNode.Parse(JsonFormatter.Default.Format(command))!;
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(patchJson);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The patch is not JSON: " + ex.Message, nameof(patchJson), ex);
        }

        var merged = Merge(target, patch);
        IMessage patched;
        try
        {
            patched = JsonParser.Default.Parse(merged?.ToJsonString() ?? "{}", command.Descriptor);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ArgumentException($"The patched command is not a valid {command.Descriptor.Name}: " + ex.Message, nameof(patchJson), ex);
        }

        if (CommandCodec.IdText(patched) != CommandCodec.IdText(command))
        {
            throw new ArgumentException("A patch cannot change the command's ids (commandId, reservationId, roomId or propertyId).", nameof(patchJson));
        }

        var kind = CommandCodec.Kind(command);
        var patchedKind = CommandCodec.Kind(patched);
        if (patchedKind != kind)
        {
            throw new ArgumentException($"A patch cannot turn a {kind} command into {patchedKind}; the command's kind is recorded.", nameof(patchJson));
        }

        return (T)patched;
    }

    /// <summary>
    /// The field paths a patch touches, for the append-only audit: the values may be a guest's personal data,
    /// which an append-only table could never erase, so they are not recorded.
    /// </summary>
    internal static IReadOnlyList<string> PatchedPaths(string? patchJson)
    {
        var paths = new List<string>();
        if (patchJson is not null && JsonNode.Parse(patchJson) is JsonObject root)
        {
            Walk(root, string.Empty);
        }

        return paths;

        void Walk(JsonObject node, string prefix)
        {
            foreach (var (name, value) in node)
            {
                var path = prefix.Length == 0 ? name : prefix + "." + name;
                if (value is JsonObject child)
                {
                    Walk(child, path);
                }
                else
                {
                    paths.Add(path);
                }
            }
        }
    }

    public async Task<bool> DiscardAsync(Guid id, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var unit = await OpenAsync(cancellationToken);
        var done = await unit.Sql("""
            update reservations.dead_letters set status = 'DISCARDED', replayed_at = now(), replayed_by = $2 where id = $1 and status = 'PARKED'
            """).Bind(id, actor).ExecAsync(cancellationToken);
        if (done == 1)
        {
            await unit.Sql("insert into messaging.operations_audit (actor, operation, detail) values ($1, 'dlq.discard', $2::jsonb)")
                .Bind(actor, JsonSerializer.Serialize(new { deadLetter = id, reason }, JsonSerializerOptions.Web)).ExecAsync(cancellationToken);
            await unit.CommitAsync(cancellationToken);
        }

        return done == 1;
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = Merge(result[name]?.DeepClone(), value);
                result[name] = merged;
            }
        }

        return result;
    }

    private async Task<IUnitOfWork> OpenAsync(CancellationToken ct)
    {
        var unit = await units.BeginWithoutTenantAsync(ct);
        await unit.Sql("select set_config('app.worker', $1, true)").Bind(Worker).ExecAsync(ct);
        return unit;
    }

    private static (Envelope? Envelope, IMessage? Command) Decode(byte[] original)
    {
        try
        {
            var envelope = Envelope.Parser.ParseFrom(original);
            return (envelope, CommandCodec.Parse(envelope.EventType, envelope.Payload));
        }
        catch (InvalidProtocolBufferException)
        {
            return (null, null);
        }
    }

    private static DeadLetterSummary Summary(DbDataReader r) => new(
        r.GetGuid(0), r.GetFieldValue<DateTimeOffset>(1), r.IsDBNull(2) ? null : r.GetGuid(2), r.IsDBNull(3) ? null : r.GetString(3),
        r.IsDBNull(4) ? null : r.GetGuid(4), r.IsDBNull(5) ? null : r.GetGuid(5), r.GetInt32(6), r.GetString(7), r.GetString(8), r.GetInt32(9),
        r.GetString(10), r.GetInt32(11), r.GetInt64(12));
}
