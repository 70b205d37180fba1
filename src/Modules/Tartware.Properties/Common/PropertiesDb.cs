using System.Data.Common;
using Npgsql;
using Tartware.ServiceDefaults.Data;

namespace Tartware.Properties.Common;

/// <summary>Small SQL helpers shared by the module's stores (positional parameters, never concatenated values).</summary>
internal static class PropertiesDb
{
    /// <summary>A command bound to the unit's connection and transaction.</summary>
    public static NpgsqlCommand Command(this IUnitOfWork unit, string sql) => new(sql, unit.Connection, unit.Transaction);

    /// <summary>A command inside a caller's transaction (façades join the caller's unit of work).</summary>
    public static NpgsqlCommand Command(this DbTransaction transaction, string sql)
    {
        var npgsql = transaction as NpgsqlTransaction
            ?? throw new ArgumentException("The Properties module needs an Npgsql transaction.", nameof(transaction));
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

    /// <summary>True when a PostgreSQL unique violation (23505) on <paramref name="constraint"/>.</summary>
    public static bool IsUniqueViolation(this PostgresException exception, string constraint) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.ConstraintName == constraint;

    /// <summary>Reads every row with <paramref name="map"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var list = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(map(reader));
            }

            return list;
        }
    }

    /// <summary>The first row or null.</summary>
    public static async Task<T?> FirstOrDefaultAsync<T>(this NpgsqlCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class =>
        (await command.ListAsync(map, cancellationToken)).FirstOrDefault();

    /// <summary>Executes and disposes.</summary>
    public static async Task<int> RunAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static string? OptString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static T? Opt<T>(this DbDataReader reader, int ordinal)
        where T : struct => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
