using System.Data.Common;
using Npgsql;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Rates;

/// <summary>Small SQL helpers shared by the module's stores.</summary>
internal static class RatesDb
{
    /// <summary>A command bound to the unit's connection and transaction.</summary>
    public static NpgsqlCommand Command(this IUnitOfWork unit, string sql) => unit.Sql(sql);

    /// <summary>A command inside a caller's transaction (façades join the caller's unit of work).</summary>
    public static NpgsqlCommand Command(this DbTransaction transaction, string sql) => transaction.Sql(sql);

    /// <summary>Adds positional parameters ($1, $2, ...) in order.</summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, params object?[] values) => command.Bind(values);

    /// <summary>Runs the command and maps every row.</summary>
    public static Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken) =>
        command.RowsAsync(reader => map((NpgsqlDataReader)reader), cancellationToken);

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
        SqlExtensions.IsUniqueViolation(exception, constraint);
}
