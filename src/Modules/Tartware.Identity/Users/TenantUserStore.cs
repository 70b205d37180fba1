using Npgsql;
using Tartware.ServiceDefaults.Data;

namespace Tartware.Identity.Users;

/// <summary>
/// Users as members of one tenant. Every query joins memberships under the tenant's RLS, so a user
/// of another tenant is simply not found (404, no existence leak).
/// </summary>
internal sealed class TenantUserStore
{
    public const string Select = """
        select u.id, u.username, u.email, u.display_name, u.status, u.mfa_enabled, u.last_login_at,
               m.role, m.property_ids, m.active, m.active_from, m.active_until
        from identity.users u join identity.memberships m on m.user_id = u.id
        """;

    public static async Task<UserResponse?> FindAsync(IUnitOfWork unit, Guid userId, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = unit.Command(Select + " where u.id = $1" + (forUpdate ? " for update of m" : "")).With(userId);
        var list = await ReadAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public static async Task<IReadOnlyList<UserResponse>> PageAsync(IUnitOfWork unit, int limit, string? after, CancellationToken cancellationToken)
    {
        await using var command = unit.Command(Select + " where ($1::text is null or u.username > $1) order by u.username limit $2")
            .With(after, limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>How many tenants the user belongs to (profile edits are refused for shared users).</summary>
    public static async Task<long> TenantCountAsync(IUnitOfWork unit, Guid userId, CancellationToken cancellationToken)
    {
        await unit.SetUserAsync(userId, cancellationToken);
        await using var command = unit.Command("select count(*) from identity.memberships where user_id = $1").With(userId);
        var count = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        await unit.SetUserAsync(Guid.Empty, cancellationToken);
        return count;
    }

    /// <summary>Owners that stay active, to refuse removing the last one.</summary>
    public static async Task<long> ActiveOwnersAsync(IUnitOfWork unit, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("select count(*) from identity.memberships where role = 'OWNER' and active");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<IReadOnlyList<UserResponse>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<UserResponse>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new UserResponse(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<Guid[]>(8), reader.GetBoolean(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11)));
        }

        return list;
    }
}
