using System.Data.Common;
using Npgsql;

namespace Tartware.ServiceDefaults.Data.Sql;

/// <summary>
/// Small helpers for raw SQL with positional parameters ($1, $2, ...) on a unit of work or on a
/// transaction handed over by another module's façade. Values are always parameters, never text.
/// </summary>
public static class SqlExtensions
{
    /// <summary>A command on the unit's connection and transaction.</summary>
    public static NpgsqlCommand Sql(this IUnitOfWork unit, string sql)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new NpgsqlCommand(sql, unit.Connection, unit.Transaction);
    }

    /// <summary>A command on a caller's transaction (façades join the caller's unit of work).</summary>
    public static NpgsqlCommand Sql(this DbTransaction transaction, string sql) =>
        transaction is NpgsqlTransaction npgsql
            ? new NpgsqlCommand(sql, npgsql.Connection, npgsql)
            : throw new ArgumentException("Tartware façades join a PostgreSQL (Npgsql) transaction.", nameof(transaction));

    /// <summary>Adds positional parameters in order; null becomes SQL NULL.</summary>
    public static NpgsqlCommand Bind(this NpgsqlCommand command, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>Executes and disposes; returns the affected row count.</summary>
    public static async Task<int> ExecAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Executes, maps every row and disposes.</summary>
    public static async Task<List<T>> RowsAsync<T>(this NpgsqlCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(map);
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

    /// <summary>Executes and returns the first column of the first row (default when none or NULL).</summary>
    public static async Task<T?> ScalarAsync<T>(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using (command)
        {
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is null or DBNull ? default : (T)value;
        }
    }

    /// <summary>True for SQLSTATE 23505 (unique violation), optionally on one constraint.</summary>
    public static bool IsUniqueViolation(this PostgresException exception, string? constraint = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.SqlState == PostgresErrorCodes.UniqueViolation && (constraint is null || exception.ConstraintName == constraint);
    }

    /// <summary>True for SQLSTATE 23P01 (exclusion violation), optionally on one constraint.</summary>
    public static bool IsExclusionViolation(this PostgresException exception, string? constraint = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.SqlState == PostgresErrorCodes.ExclusionViolation && (constraint is null || exception.ConstraintName == constraint);
    }
}
