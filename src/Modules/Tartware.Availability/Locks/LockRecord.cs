using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Availability.Locks;

/// <summary>A row of availability.inventory_locks.</summary>
internal sealed record LockRecord(
    Guid Id, Guid PropertyId, Guid? RoomTypeId, Guid? RoomId, string Kind, DateOnly Arrival, DateOnly Departure, int Quantity,
    string Status, DateTimeOffset? ExpiresAt, string IdempotencyKey, string RequestHash, string Actor, string? Reason, bool Forced,
    bool ClosesAll, string? ReleaseReason, string? ReleasedBy, DateTimeOffset? ReleasedAt, DateTimeOffset CreatedAt)
{
    public bool IsActive => Status == "ACTIVE";

    private const string Columns = """
        id, property_id, room_type_id, room_id, kind, arrival, departure, quantity, status, expires_at, idempotency_key, request_hash,
        actor, reason, forced, closes_all, release_reason, released_by, released_at, created_at
        """;

    public static Task<LockRecord?> FindAsync(DbTransaction tx, Guid tenantId, Guid id, bool forUpdate, CancellationToken ct) =>
        FirstAsync(tx.Sql($"select {Columns} from availability.inventory_locks where tenant_id = $1 and id = $2{(forUpdate ? " for update" : "")}")
            .Bind(tenantId, id), ct);

    public static Task<LockRecord?> FindByKeyAsync(DbTransaction tx, Guid tenantId, string key, bool forUpdate, CancellationToken ct) =>
        FirstAsync(tx.Sql($"select {Columns} from availability.inventory_locks where tenant_id = $1 and idempotency_key = $2{(forUpdate ? " for update" : "")}")
            .Bind(tenantId, key), ct);

    /// <summary>Stable fingerprint of what a request asked for: same key + same request replays, another request conflicts.</summary>
    public static string Hash(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts.Select(p => p switch
        {
            null => "",
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => p.ToString(),
        })))));

    private static async Task<LockRecord?> FirstAsync(Npgsql.NpgsqlCommand command, CancellationToken ct) =>
        (await command.RowsAsync(Read, ct)).FirstOrDefault();

    private static LockRecord Read(DbDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetGuid(2), r.IsDBNull(3) ? null : r.GetGuid(3), r.GetString(4),
        DateOnly.FromDateTime(r.GetDateTime(5)), DateOnly.FromDateTime(r.GetDateTime(6)), r.GetInt32(7), r.GetString(8),
        r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.GetString(10), r.GetString(11), r.GetString(12),
        r.IsDBNull(13) ? null : r.GetString(13), r.GetBoolean(14), r.GetBoolean(15), r.IsDBNull(16) ? null : r.GetString(16),
        r.IsDBNull(17) ? null : r.GetString(17), r.IsDBNull(18) ? null : r.GetFieldValue<DateTimeOffset>(18), r.GetFieldValue<DateTimeOffset>(19));
}
