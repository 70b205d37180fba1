using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tartware.ServiceDefaults.Health;
using Tartware.ServiceDefaults.Migrations;
using Tartware.ServiceDefaults.Roles;

namespace Tartware.Messaging.Outbox;

/// <summary>Registration of outbox tables and of the dispatcher (role <c>dispatcher</c>).</summary>
public static class OutboxServiceCollectionExtensions
{
    /// <summary>The role that runs the outbox dispatcher.</summary>
    public const string DispatcherRole = "dispatcher";

    /// <summary>The tag of checks that <c>/health/reliability</c> reports (modules add their own).</summary>
    public const string ReliabilityTag = ReliabilityHealthCheck.Tag;

    /// <summary>Maps <c>/health/reliability</c>: the checks tagged <c>reliability</c>; 503 when one is critical.</summary>
    public static IEndpointRouteBuilder MapReliabilityHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/reliability", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReliabilityHealthCheck.Tag),
            ResponseWriter = HealthEndpoints.WriteAsync,
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>A module declares its outbox table; the dispatcher (once added) relays it.</summary>
    public static IServiceCollection AddOutboxSource(this IServiceCollection services, string table)
    {
        services.AddSingleton(new OutboxSource(table));
        return services;
    }

    /// <summary>Adds the dispatcher, its NOTIFY listener, metrics and readiness check when role <c>dispatcher</c> runs here.</summary>
    public static IServiceCollection AddOutboxDispatcher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations("messaging", "messaging", order: 5, typeof(OutboxSource).Assembly);
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());
        services.TryAddSingleton<IOutboxOperations, OutboxOperations>();
        services.AddOptions<ReliabilityOptions>().Bind(configuration.GetSection(ReliabilityOptions.Section));
        // Every process answers /health/reliability (it reads the tables), whatever its roles.
        services.AddHealthChecks().AddCheck<ReliabilityHealthCheck>("outbox", tags: [ReliabilityHealthCheck.Tag]);
        services.AddRole(DispatcherRole, "Outbox dispatcher: relays every module's committed outbox rows to Kafka");
        services.TryAddSingleton<OutboxMetrics>();
        services.TryAddSingleton<OutboxHealth>();
        services.TryAddSingleton<TenantThrottle>();
        services.TryAddSingleton<OutboxJanitor>();
        services.TryAddSingleton<OutboxDispatcher>();
        if (services.GetRoleSelection().IsEnabled(DispatcherRole))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
            services.AddHostedService<OutboxNotifications>();
            services.AddHostedService(sp => sp.GetRequiredService<OutboxJanitor>());
            services.AddHealthChecks().AddCheck<OutboxHealth>("outbox-dispatcher", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded,
                [HealthEndpoints.ReadyTag]);
        }

        return services;
    }
}
