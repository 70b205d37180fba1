using Npgsql;
using Tartware.Testing;

namespace Tartware.Identity.Tests.Infrastructure;

/// <summary>Direct SQL as tartware_app (the serving role), for set-up and for checking RLS.</summary>
internal static class Sql
{
    public static async Task ExecuteAsTenantAsync(Guid tenantId, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(TestSettings.AppConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("select set_config('app.tenant_id', $1, true)", connection, transaction))
        {
            set.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString() });
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public static async Task<long> CountWithoutTenantAsync(string table)
    {
        await using var connection = new NpgsqlConnection(TestSettings.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
