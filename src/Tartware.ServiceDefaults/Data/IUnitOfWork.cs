using Npgsql;

namespace Tartware.ServiceDefaults.Data;

/// <summary>
/// One transaction on one connection, with the tenant set for row-level security. Dispose without
/// <see cref="CommitAsync"/> rolls back, so a failed request never leaves a partial write.
/// </summary>
public interface IUnitOfWork : IAsyncDisposable
{
    /// <summary>The open connection.</summary>
    NpgsqlConnection Connection { get; }

    /// <summary>The transaction every command of this unit must use.</summary>
    NpgsqlTransaction Transaction { get; }

    /// <summary>The tenant RLS policies see, or null for a platform-level unit (sees no tenant rows).</summary>
    Guid? TenantId { get; }

    /// <summary>Commits the transaction.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}

/// <summary>Opens units of work on the platform's single <see cref="NpgsqlDataSource"/>.</summary>
public interface IUnitOfWorkFactory
{
    /// <summary>
    /// Begins a transaction with <c>app.tenant_id</c> set transaction-locally
    /// (<c>set_config(..., true)</c>, safe behind PgBouncer in transaction mode).
    /// </summary>
    Task<IUnitOfWork> BeginAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Begins a transaction with no tenant: tenant tables show zero rows.</summary>
    Task<IUnitOfWork> BeginWithoutTenantAsync(CancellationToken cancellationToken = default);
}
