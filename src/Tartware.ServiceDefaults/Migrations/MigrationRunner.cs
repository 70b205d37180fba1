using System.Diagnostics;
using Npgsql;

namespace Tartware.ServiceDefaults.Migrations;

/// <summary>What a run did (or would do, on a dry run) with one script.</summary>
public sealed record MigrationOutcome(MigrationScript Script, MigrationAction Action, TimeSpan Duration);

/// <summary>What happened to a script.</summary>
public enum MigrationAction
{
    /// <summary>Already in the journal with the same checksum.</summary>
    AlreadyApplied,

    /// <summary>Applied in this run.</summary>
    Applied,

    /// <summary>Would be applied (dry run).</summary>
    Pending,
}

/// <summary>Raised when migrating cannot proceed safely; the message is meant for an operator.</summary>
public sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Applies embedded, versioned SQL per module as the owner role. A session advisory lock makes
/// concurrent migrators queue instead of racing; the journal's checksum refuses a script edited
/// after it was applied (add a new script instead). Each script and its journal row commit together.
/// </summary>
public sealed class MigrationRunner(string ownerConnectionString, string appRole)
{
    // Arbitrary but fixed: every Tartware migrator contends for the same lock.
    private const long AdvisoryLockKey = 0x7461_7274_7761_7265;

    /// <summary>Applies (or, with <paramref name="dryRun"/>, lists) every pending script.</summary>
    public async Task<IReadOnlyList<MigrationOutcome>> RunAsync(
        IEnumerable<ModuleMigrations> modules, bool dryRun, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await EnsureJournalAsync(connection, cancellationToken);
            await EnsureAppRoleAsync(connection, cancellationToken);
            var applied = await MigrationJournal.ReadAsync(connection, cancellationToken);
            var outcomes = new List<MigrationOutcome>();
            foreach (var module in modules.OrderBy(m => m.Order).ThenBy(m => m.Module, StringComparer.Ordinal))
            {
                foreach (var script in module.Scripts.OrderBy(s => s.Version))
                {
                    outcomes.Add(await ApplyAsync(connection, module, script, applied, dryRun, cancellationToken));
                }
            }

            return outcomes;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private async Task<MigrationOutcome> ApplyAsync(
        NpgsqlConnection connection, ModuleMigrations module, MigrationScript script,
        IReadOnlyDictionary<(string, int), string> applied, bool dryRun, CancellationToken cancellationToken)
    {
        if (applied.TryGetValue((script.Module, script.Version), out var checksum))
        {
            return checksum == script.Checksum
                ? new MigrationOutcome(script, MigrationAction.AlreadyApplied, TimeSpan.Zero)
                : throw new MigrationException(
                    $"Refusing to migrate: {script} was edited after it was applied (journal checksum {checksum[..12]}…, " +
                    $"file {script.Checksum[..12]}…). Restore the applied text and add a new migration instead.");
        }

        if (dryRun)
        {
            return new MigrationOutcome(script, MigrationAction.Pending, TimeSpan.Zero);
        }

        var started = Stopwatch.GetTimestamp();
        await using var transaction = script.RunsInTransaction ? await connection.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await ExecuteAsync(connection, transaction, SchemaSql(module.Schema), cancellationToken);
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            await MigrationJournal.RecordAsync(connection, transaction, script, elapsed, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return new MigrationOutcome(script, MigrationAction.Applied, elapsed);
        }
        catch (PostgresException ex)
        {
            throw new MigrationException($"{script} failed: {ex.SqlState} {ex.MessageText} (line {ex.Line}, position {ex.Position}).", ex);
        }
    }

    // The schema and the default privileges come before the module's own SQL, so every table the
    // owner creates there is usable by the app role (which still cannot bypass RLS). A module that
    // wants an append-only table revokes UPDATE/DELETE in its own script; defaults never re-grant.
    private string SchemaSql(string schema) => $"""
        create schema if not exists {Quote(schema)};
        grant usage on schema {Quote(schema)} to {Quote(appRole)};
        alter default privileges in schema {Quote(schema)} grant select, insert, update, delete on tables to {Quote(appRole)};
        alter default privileges in schema {Quote(schema)} grant usage, select on sequences to {Quote(appRole)};
        alter default privileges in schema {Quote(schema)} grant execute on functions to {Quote(appRole)};
        """;

    private async Task EnsureAppRoleAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select rolsuper or rolbypassrls from pg_roles where rolname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = appRole });
        var result = await command.ExecuteScalarAsync(cancellationToken);
        if (result is null)
        {
            throw new MigrationException($"The serving role '{appRole}' does not exist. Create it first: " +
                $"CREATE ROLE {appRole} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '...'; (scripts/up.sh does this locally).");
        }

        if (result is true)
        {
            throw new MigrationException($"The serving role '{appRole}' is superuser or BYPASSRLS; row-level security would not hold.");
        }
    }

    private static Task EnsureJournalAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, MigrationJournal.CreateSql, cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
