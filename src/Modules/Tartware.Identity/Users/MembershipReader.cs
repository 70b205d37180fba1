using Npgsql;
using Tartware.ServiceDefaults.Data;

namespace Tartware.Identity.Users;

/// <summary>Reads memberships straight from PostgreSQL (the source of truth behind the cache).</summary>
internal sealed class MembershipReader(IUnitOfWorkFactory units)
{
    private const string Select = """
        select m.tenant_id, t.name, t.status, m.user_id, m.role, m.property_ids, m.active, m.active_from, m.active_until
        from identity.memberships m join identity.tenants t on t.id = m.tenant_id
        """;

    /// <summary>Every membership of a user (login, tenant picker). Runs with app.user_id only.</summary>
    public async Task<IReadOnlyList<MembershipRecord>> ForUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginWithoutTenantAsync(cancellationToken);
        await unit.SetUserAsync(userId, cancellationToken);
        await using var command = unit.Command(Select + " where m.user_id = $1 order by t.name").With(userId);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>One membership, read inside the tenant (per-request check).</summary>
    public async Task<MembershipRecord?> FindAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await units.BeginAsync(tenantId, cancellationToken);
        await using var command = unit.Command(Select + " where m.tenant_id = $1 and m.user_id = $2").With(tenantId, userId);
        var all = await ReadAllAsync(command, cancellationToken);
        return all.Count == 0 ? null : all[0];
    }

    private static async Task<IReadOnlyList<MembershipRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<MembershipRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new MembershipRecord(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<Guid[]>(5), reader.GetBoolean(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return list;
    }
}
