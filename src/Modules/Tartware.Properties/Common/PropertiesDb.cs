using System.Data.Common;
using Npgsql;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Properties.Common;

/// <summary>Small SQL helpers shared by the module's stores (positional parameters, never concatenated values).</summary>
internal static class PropertiesDb
{
    /// <summary>A command bound to the unit's connection and transaction.</summary>
    public static NpgsqlCommand Command(this IUnitOfWork unit, string sql) => unit.Sql(sql);

    /// <summary>A command inside a caller's transaction (façades join the caller's unit of work).</summary>
    public static NpgsqlCommand Command(this DbTransaction transaction, string sql) => transaction.Sql(sql);

    /// <summary>Adds positional parameters ($1, $2, ...) in order.</summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, params object?[] values) => command.Bind(values);

    /// <summary>True when a PostgreSQL unique violation (23505) on <paramref name="constraint"/>.</summary>
    public static bool IsUniqueViolation(this PostgresException exception, string constraint) =>
        SqlExtensions.IsUniqueViolation(exception, constraint);

    /// <summary>Reads every row with <paramref name="map"/>.</summary>
    public static Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken) =>
        command.RowsAsync(map, cancellationToken);

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
