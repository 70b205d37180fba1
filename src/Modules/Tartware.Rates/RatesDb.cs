using System.Data.Common;
using Npgsql;
using Tartware.ServiceDefaults.Data;

namespace Tartware.Rates;

/// <summary>Small SQL helpers shared by the module's stores.</summary>
internal static class RatesDb
{
    /// <summary>A command bound to the unit's connection and transaction.</summary>
    public static NpgsqlCommand Command(this IUnitOfWork unit, string sql) => new(sql, unit.Connection, unit.Transaction);

    /// <summary>A command inside a caller's transaction (façades join the caller's unit of work).</summary>
    public static NpgsqlCommand Command(this DbTransaction transaction, string sql)
    {
        var npgsql = transaction as NpgsqlTransaction
            ?? throw new ArgumentException("Rates runs on PostgreSQL: pass the NpgsqlTransaction of the caller's unit of work.", nameof(transaction));
        return new NpgsqlCommand(sql, npgsql.Connection, npgsql);
    }

    /// <summary>Adds positional parameters ($1, $2, ...) in order.</summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>Runs the command and maps every row.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }

    /// <summary>Runs a statement and disposes the command.</summary>
    public static async Task<int> RunAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static T? Nullable<T>(this NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>True when a PostgreSQL unique violation (23505) on <paramref name="constraint"/>.</summary>
    public static bool IsUniqueViolation(this PostgresException exception, string constraint) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.ConstraintName == constraint;
}
