using System.Data;
using Npgsql;

namespace Tartware.ServiceDefaults.Data;

internal sealed class UnitOfWorkFactory(NpgsqlDataSource dataSource) : IUnitOfWorkFactory
{
    public Task<IUnitOfWork> BeginAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("A unit of work needs a real tenant id.", nameof(tenantId));
        }

        return OpenAsync(tenantId, cancellationToken);
    }

    public Task<IUnitOfWork> BeginWithoutTenantAsync(CancellationToken cancellationToken = default) =>
        OpenAsync(null, cancellationToken);

    private async Task<IUnitOfWork> OpenAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            if (tenantId is { } tenant)
            {
                // Transaction-local: the setting vanishes at COMMIT/ROLLBACK, so a pooled connection
                // can never carry one tenant's id into another tenant's request.
                await using var command = new NpgsqlCommand("select set_config('app.tenant_id', $1, true)", connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant.ToString() });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new UnitOfWork(connection, transaction, tenantId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid? tenantId) : IUnitOfWork
    {
        private bool _completed;

        public NpgsqlConnection Connection { get; } = connection;

        public NpgsqlTransaction Transaction { get; } = transaction;

        public Guid? TenantId { get; } = tenantId;

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            await Transaction.CommitAsync(cancellationToken);
            _completed = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_completed && Connection.State == ConnectionState.Open)
            {
                try
                {
                    await Transaction.RollbackAsync();
                }
                catch (NpgsqlException)
                {
                    // The connection is broken; disposing it below returns nothing to the pool.
                }
            }

            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
