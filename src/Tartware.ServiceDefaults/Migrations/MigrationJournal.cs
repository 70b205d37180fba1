using Npgsql;

namespace Tartware.ServiceDefaults.Migrations;

/// <summary>The journal table: which script of which module was applied, when, by whom, with which checksum.</summary>
internal static class MigrationJournal
{
    public const string CreateSql = """
        create schema if not exists tartware_meta;
        create table if not exists tartware_meta.schema_migrations (
            module      text        not null,
            version     integer     not null,
            name        text        not null,
            checksum    text        not null,
            applied_at  timestamptz not null default now(),
            applied_by  text        not null default current_user,
            duration_ms integer     not null,
            primary key (module, version)
        );
        """;

    public static async Task<IReadOnlyDictionary<(string, int), string>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<(string, int), string>();
        await using var command = new NpgsqlCommand("select module, version, checksum from tartware_meta.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[(reader.GetString(0), reader.GetInt32(1))] = reader.GetString(2);
        }

        return applied;
    }

    public static async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, MigrationScript script, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "insert into tartware_meta.schema_migrations (module, version, name, checksum, duration_ms) values ($1, $2, $3, $4, $5)",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = script.Module });
        command.Parameters.Add(new NpgsqlParameter { Value = script.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = script.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = script.Checksum });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)elapsed.TotalMilliseconds });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
