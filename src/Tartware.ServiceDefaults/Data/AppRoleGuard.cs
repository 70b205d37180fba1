using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Tartware.ServiceDefaults.Data;

/// <summary>
/// Fails startup when the serving connection could bypass row-level security (superuser, BYPASSRLS, database owner),
/// because then a missing tenant filter would leak every tenant's rows. Fail closed: tenancy is a wall.
/// If PostgreSQL is unreachable at startup the check is logged and skipped; readiness reports it.
/// </summary>
internal sealed partial class AppRoleGuard(NpgsqlDataSource dataSource, ILogger<AppRoleGuard> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        bool super, bypass, owner;
        string role;
        try
        {
            await using var command = dataSource.CreateCommand(
                """
                select r.rolname, r.rolsuper, r.rolbypassrls,
                       exists (select 1 from pg_database d where d.datname = current_database() and d.datdba = r.oid)
                from pg_roles r where r.rolname = current_user
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (role, super, bypass, owner) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
        }
        catch (NpgsqlException ex)
        {
            LogUnreachable(logger, ex.GetType().Name);
            return;
        }

        if (super || bypass || owner)
        {
            var why = super ? "is a superuser" : bypass ? "has BYPASSRLS" : "owns the database";
            throw new InvalidOperationException(
                $"Refusing to serve: Database:ConnectionString logs in as '{role}', which {why} and could bypass " +
                "row-level security. Use the tartware_app role; the owner role is for `tartware migrate` only.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Could not verify the database role at startup ({Error}); readiness will report it")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
