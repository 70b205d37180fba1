using Npgsql;
using Tartware.ServiceDefaults.Health;

namespace Tartware.ServiceDefaults.Data;

/// <summary>Readiness: a round trip through the platform's data source.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : TimedHealthCheck
{
    protected override async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select current_user");
        var user = await command.ExecuteScalarAsync(cancellationToken);
        return $"connected as {user}";
    }

    protected override string Describe(Exception exception) => exception is PostgresException pg
        ? $"PostgreSQL error {pg.SqlState}"
        : "unreachable";
}
