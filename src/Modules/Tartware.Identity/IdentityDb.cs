using Npgsql;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Data.Sql;

namespace Tartware.Identity;

/// <summary>Small SQL helpers shared by the module's stores.</summary>
internal static class IdentityDb
{
    /// <summary>
    /// Lets the unit of work see the memberships (and their tenants) of one user across tenants. Only
    /// set after that user's credentials were verified: the login and tenant-picker flows need it.
    /// </summary>
    public static async Task SetUserAsync(this IUnitOfWork unit, Guid userId, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("select set_config('app.user_id', $1, true)");
        command.Parameters.Add(new NpgsqlParameter { Value = userId.ToString() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command bound to the unit's connection and transaction.</summary>
    public static NpgsqlCommand Command(this IUnitOfWork unit, string sql) => unit.Sql(sql);

    /// <summary>Adds positional parameters ($1, $2, ...) in order.</summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, params object?[] values) => command.Bind(values);

    /// <summary>True when a PostgreSQL unique violation (23505) on <paramref name="constraint"/>.</summary>
    public static bool IsUniqueViolation(this PostgresException exception, string constraint) =>
        SqlExtensions.IsUniqueViolation(exception, constraint);
}
