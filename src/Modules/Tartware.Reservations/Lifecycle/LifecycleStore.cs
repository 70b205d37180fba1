using System.Data.Common;
using Tartware.Messaging.Lifecycle;
using Tartware.Reservations.Api;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Lifecycle;

/// <summary>
/// Writes lifecycle transitions of commands, refusing any the transition table does not allow, with a
/// history row per step. The caller's transaction carries the tenant.
/// </summary>
internal static class LifecycleStore
{
    /// <summary>Records the first two steps of an accepted command: RECEIVED, then PERSISTED.</summary>
    public static async Task AcceptedAsync(DbTransaction tx, Guid tenantId, Guid commandId, string actor, CancellationToken ct)
    {
        await tx.Sql("""
            insert into reservations.command_transitions (tenant_id, command_id, from_state, to_state, actor, detail)
            values ($1, $2, null, 'RECEIVED', $3, 'accepted by the API'), ($1, $2, 'RECEIVED', 'PERSISTED', $3, 'committed with its outbox row')
            """).Bind(tenantId, commandId, actor).ExecAsync(ct);
    }

    /// <summary>
    /// Moves the command to <paramref name="to"/> when allowed from its current state (row locked);
    /// returns the state it was in, or null when the command is unknown. A refused move returns the
    /// current state unchanged and writes nothing.
    /// </summary>
    public static async Task<(CommandState? From, bool Moved)> MoveAsync(DbTransaction tx, Guid tenantId, Guid commandId, CommandState to,
        string actor, string? detail, CancellationToken ct)
    {
        var current = await tx.Sql("select state from reservations.commands where tenant_id = $1 and id = $2 for update")
            .Bind(tenantId, commandId).ScalarAsync<string>(ct);
        if (current is null)
        {
            return (null, false);
        }

        var from = Parse(current);
        if (!CommandLifecycle.CanMove(from, to))
        {
            return (from, false);
        }

        await tx.Sql("""
            with moved as (update reservations.commands set state = $3, updated_at = now() where tenant_id = $1 and id = $2)
            insert into reservations.command_transitions (tenant_id, command_id, from_state, to_state, actor, detail) values ($1, $2, $4, $3, $5, $6)
            """).Bind(tenantId, commandId, CommandLifecycle.Name(to), current, actor, detail).ExecAsync(ct);
        return (from, true);
    }

    /// <summary>Every command of one aggregate (a reservation or a room), oldest first, each with its transitions.</summary>
    public static async Task<IReadOnlyList<CommandLifecycleResponse>> ListAsync(DbTransaction tx, Guid aggregateId, CancellationToken ct)
    {
        var transitions = (await tx.Sql("""
            select t.command_id, t.from_state, t.to_state, t.actor, t.detail, t.at from reservations.command_transitions t
            join reservations.commands c on c.tenant_id = t.tenant_id and c.id = t.command_id
            where c.aggregate_id = $1 order by t.seq
            """).Bind(aggregateId).RowsAsync(r => (Command: r.GetGuid(0), Step: new TransitionResponse(r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2),
                r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetFieldValue<DateTimeOffset>(5))), ct))
            .ToLookup(t => t.Command, t => t.Step);
        var list = await tx.Sql("""
            select id, kind, state, actor, correlation_id, rejection_code, rejection_detail, redrives, created_at, updated_at
            from reservations.commands where aggregate_id = $1 order by created_at, id
            """).Bind(aggregateId).RowsAsync(r => new CommandLifecycleResponse(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : new RejectionResponse(r.GetString(5), r.IsDBNull(6) ? string.Empty : r.GetString(6)),
                r.GetInt32(7), r.GetFieldValue<DateTimeOffset>(8), r.GetFieldValue<DateTimeOffset>(9), []), ct);
        return [.. list.Select(c => c with { Transitions = [.. transitions[c.CommandId]] })];
    }

    public static CommandState Parse(string state) => Enum.Parse<CommandState>(state.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
}
