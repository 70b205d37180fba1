using Npgsql;

namespace Tartware.Testing;

/// <summary>
/// A scratch database for tests that need an empty schema (migrations, role checks). Created by the
/// owner role, dropped on dispose. Most tests use the shared database with a fresh tenant instead.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name)
    {
        Name = name;
        OwnerConnectionString = TestSettings.WithDatabase(TestSettings.OwnerConnectionString, name);
        AppConnectionString = TestSettings.WithDatabase(TestSettings.AppConnectionString, name);
    }

    /// <summary>Database name.</summary>
    public string Name { get; }

    /// <summary>Owner role, for migrating.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>tartware_app, for serving.</summary>
    public string AppConnectionString { get; }

    /// <summary>Creates an empty database owned by the owner role.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase("t_" + Guid.NewGuid().ToString("N")[..16]);
        await using var connection = new NpgsqlConnection(TestSettings.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database {database.Name}", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Runs SQL as the owner.</summary>
    public async Task ExecuteAsOwnerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // DROP ... WITH (FORCE) as the owner may not end another role's sessions (42501) and a pooled
        // app connection can still be closing: the app role ends its own sessions on the scratch database first.
        await using (var app = new NpgsqlConnection(TestSettings.AppConnectionString))
        {
            await app.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and usename = current_user and pid <> pg_backend_pid()", app);
            terminate.Parameters.Add(new NpgsqlParameter { Value = Name });
            await terminate.ExecuteNonQueryAsync();
            // Closing and terminating are asynchronous on the server: wait until those backends are gone.
            await Eventually.HoldsAsync(async () =>
            {
                await using var remaining = new NpgsqlCommand(
                    "select count(*) from pg_stat_activity where datname = $1 and usename = current_user and pid <> pg_backend_pid()", app);
                remaining.Parameters.Add(new NpgsqlParameter { Value = Name });
                return (long)(await remaining.ExecuteScalarAsync())! == 0;
            }, TimeSpan.FromSeconds(10), $"the app role's sessions on {Name} end");
        }

        await using var connection = new NpgsqlConnection(TestSettings.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists {Name} with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
