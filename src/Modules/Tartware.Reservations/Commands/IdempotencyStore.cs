using System.Data.Common;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Reservations.Commands;

/// <summary>The answer stored under an idempotency key.</summary>
internal sealed record StoredAnswer(string RequestHash, int StatusCode, string Response, Guid? CommandId);

/// <summary>
/// The Idempotency-Key store, in the accepting transaction. <see cref="ClaimAsync"/> inserts the key
/// first: a concurrent request with the same key waits on the primary key until the first commits
/// (then finds its answer) or rolls back (then owns the key). A request refused with 4xx rolls back
/// and leaves no key behind, so the client may correct it and retry with the same key.
/// </summary>
internal static class IdempotencyStore
{
    public static async Task<StoredAnswer?> ClaimAsync(DbTransaction tx, Guid tenantId, string key, string requestHash, CancellationToken ct)
    {
        var inserted = await tx.Sql("""
            insert into reservations.idempotency_keys (tenant_id, key, request_hash, status_code, response) values ($1, $2, $3, 0, '{}')
            on conflict do nothing
            """).Bind(tenantId, key, requestHash).ExecAsync(ct);
        if (inserted == 1)
        {
            return null;
        }

        var rows = await tx.Sql("select request_hash, status_code, response::text, command_id from reservations.idempotency_keys where tenant_id = $1 and key = $2")
            .Bind(tenantId, key).RowsAsync(r => new StoredAnswer(r.GetString(0), r.GetInt32(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetGuid(3)), ct);
        return rows.Single();
    }

    public static Task CompleteAsync(DbTransaction tx, Guid tenantId, string key, int statusCode, string response, Guid commandId, CancellationToken ct) =>
        tx.Sql("update reservations.idempotency_keys set status_code = $3, response = $4::jsonb, command_id = $5 where tenant_id = $1 and key = $2")
            .Bind(tenantId, key, statusCode, response, commandId).ExecAsync(ct);
}
