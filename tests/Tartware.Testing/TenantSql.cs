using Npgsql;

namespace Tartware.Testing;

/// <summary>Direct SQL as tartware_app (the serving role), for checking RLS and reading state a test asserts on.</summary>
public static class TenantSql
{
    /// <summary>Runs a scalar query with <c>app.tenant_id</c> set, as the API's units of work do, and commits.</summary>
    public static async Task<T?> ScalarAsTenantAsync<T>(Guid tenantId, string sql, params object[] values)
    {
        var result = await RunAsTenantAsync(tenantId, sql, values);
        return result is null or DBNull ? default : (T)result;
    }

    /// <summary>Runs a statement with <c>app.tenant_id</c> set and commits (set-up behind the API's back).</summary>
    public static Task ExecuteAsTenantAsync(Guid tenantId, string sql, params object[] values) => RunAsTenantAsync(tenantId, sql, values);

    /// <summary>The same against another database (a scratch one a test platform runs on).</summary>
    public static async Task<T?> ScalarAsTenantAsync<T>(string connectionString, Guid tenantId, string sql, params object[] values)
    {
        var result = await RunAsTenantAsync(tenantId, sql, values, connectionString);
        return result is null or DBNull ? default : (T)result;
    }

    private static async Task<object?> RunAsTenantAsync(Guid tenantId, string sql, object[] values, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? TestSettings.AppConnectionString);
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

        var result = await command.ExecuteScalarAsync();
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>Counts a table's rows as tartware_app with no tenant set: RLS must show zero.</summary>
    public static async Task<long> CountWithoutTenantAsync(string table)
    {
        await using var connection = new NpgsqlConnection(TestSettings.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every table with a <c>tenant_id</c> column in the platform's schemas (read as the owner, who sees the catalog).</summary>
    public static async Task<IReadOnlyList<string>> TenantTablesAsync()
    {
        await using var connection = new NpgsqlConnection(TestSettings.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select c.table_schema || '.' || c.table_name
            from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
              and c.table_schema not in ('pg_catalog', 'information_schema', 'tartware_meta')
            order by 1
            """, connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
