using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Tartware.ServiceDefaults.Configuration;
using Tartware.ServiceDefaults.Health;

namespace Tartware.ServiceDefaults.Data;

/// <summary>Registers the platform's one <see cref="NpgsqlDataSource"/>, units of work and the readiness check.</summary>
public static class DatabaseSetup
{
    /// <summary>Adds PostgreSQL access for serving processes.</summary>
    public static IServiceCollection AddTartwareDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DatabaseOptions>(configuration, "Database");
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
            builder.ConnectionStringBuilder.ApplicationName ??= "tartware";
            builder.ConnectionStringBuilder.CommandTimeout = options.CommandTimeoutSeconds;
            return builder.Build();
        });
        services.AddSingleton<IUnitOfWorkFactory, UnitOfWorkFactory>();
        services.AddHostedService<AppRoleGuard>();
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
