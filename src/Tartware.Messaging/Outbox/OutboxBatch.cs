using System.Data.Common;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Messaging.Outbox;

/// <summary>A claimed outbox row.</summary>
internal sealed record OutboxRow(Guid TenantId, Guid Id, string Topic, string Key, byte[] Payload, int Attempts, DateTimeOffset CreatedAt);

/// <summary>
/// The outbox SQL: claim, deliver, fail. A claim takes due rows (PENDING, FAILED past their backoff,
/// or IN_PROGRESS with an expired lease — a dispatcher that died) in priority then insertion order with
/// SKIP LOCKED, so several dispatchers share the work, skips any row whose key has an earlier row still
/// on its way (per-key order, which the consumers' partitions preserve from there), and counts the
/// attempt right there: exactly once per attempt, whether the publish then succeeds, fails or the
/// process dies.
/// </summary>
internal static class OutboxBatch
{
    public static async Task<List<OutboxRow>> ClaimAsync(DbTransaction tx, string table, string owner, int batch, TimeSpan lease, DateTimeOffset now, CancellationToken ct,
        Guid[]? throttledTenants = null)
    {
        var rows = await tx.Sql($"""
            with candidates as (
                select t.tenant_id, t.id, t.message_key, t.seq from {table} t
                where ((t.status in ('PENDING', 'FAILED') and t.next_attempt_at <= $3) or (t.status = 'IN_PROGRESS' and t.lease_until < $3))
                  and t.tenant_id <> all($5)
                  -- Rows stuck behind an earlier row of their key that is not due (in flight, backing off,
                  -- parked) are left out before the limit, so they can never fill a batch and starve other keys.
                  and not exists (
                      select 1 from {table} e
                      where e.tenant_id = t.tenant_id and e.message_key = t.message_key and e.seq < t.seq and e.status <> 'DELIVERED'
                        and not ((e.status in ('PENDING', 'FAILED') and e.next_attempt_at <= $3) or (e.status = 'IN_PROGRESS' and e.lease_until < $3)))
                order by t.priority desc, t.seq
                limit $4
                for update of t skip locked),
            -- A row waits while an earlier row of its key is undelivered and not in this batch (another
            -- dispatcher holds it, or it waits for its backoff): a key's facts never overtake each other.
            chosen as (
                select c.tenant_id, c.id from candidates c
                where not exists (
                    select 1 from {table} e
                    where e.tenant_id = c.tenant_id and e.message_key = c.message_key and e.seq < c.seq and e.status <> 'DELIVERED'
                      and not exists (select 1 from candidates k where k.tenant_id = e.tenant_id and k.id = e.id)))
            update {table} o set status = 'IN_PROGRESS', lease_owner = $1, lease_until = $2, attempts = o.attempts + 1
            from chosen
            where o.tenant_id = chosen.tenant_id and o.id = chosen.id
            returning o.tenant_id, o.id, o.topic, o.message_key, o.payload, o.attempts, o.created_at, o.seq
            """).Bind(owner, now + lease, now, batch, throttledTenants ?? []).RowsAsync(r => (Row: new OutboxRow(
                r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetFieldValue<byte[]>(4), r.GetInt32(5), r.GetFieldValue<DateTimeOffset>(6)),
                Seq: r.GetInt64(7)), ct);
        // RETURNING has no order: publish in insertion order, so each key's facts leave in sequence.
        return [.. rows.OrderBy(r => r.Seq).Select(r => r.Row)];
    }

    /// <summary>Marks rows this owner still holds as delivered (a row reclaimed by another dispatcher is left to it).</summary>
    public static Task<int> DeliveredAsync(DbTransaction tx, string table, string owner, IReadOnlyList<OutboxRow> rows, DateTimeOffset now, CancellationToken ct) =>
        tx.Sql($"""
            update {table} set status = 'DELIVERED', delivered_at = $2, lease_owner = null, lease_until = null, last_error = null
            where lease_owner = $1 and status = 'IN_PROGRESS' and (tenant_id, id) in (select * from unnest($3::uuid[], $4::uuid[]))
            """).Bind(owner, now, rows.Select(r => r.TenantId).ToArray(), rows.Select(r => r.Id).ToArray()).ExecAsync(ct);

    /// <summary>Schedules a retry after <paramref name="backoff"/>, or parks the row as DLQ once attempts reach the maximum.</summary>
    public static Task<int> FailedAsync(DbTransaction tx, string table, string owner, OutboxRow row, string error, TimeSpan backoff, int maxAttempts, DateTimeOffset now, CancellationToken ct) =>
        tx.Sql($"""
            update {table} set status = case when attempts >= $4 then 'DLQ' else 'FAILED' end,
                next_attempt_at = $5, last_error = $6, lease_owner = null, lease_until = null
            where lease_owner = $1 and status = 'IN_PROGRESS' and tenant_id = $2 and id = $3
            """).Bind(owner, row.TenantId, row.Id, maxAttempts, now + backoff, error.Length > 500 ? error[..500] : error).ExecAsync(ct);

    /// <summary>Rows waiting (PENDING or FAILED) and the age of the oldest, for metrics and health.</summary>
    public static async Task<(long Depth, double OldestSeconds)> BacklogAsync(DbTransaction tx, string table, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await tx.Sql($"""
            select count(*), min(created_at) from {table} where status in ('PENDING', 'FAILED', 'IN_PROGRESS')
            """).RowsAsync(r => (r.GetInt64(0), r.IsDBNull(1) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(1)), ct);
        var (depth, oldest) = rows[0];
        return (depth, oldest is { } t ? Math.Max(0, (now - t).TotalSeconds) : 0);
    }
}
