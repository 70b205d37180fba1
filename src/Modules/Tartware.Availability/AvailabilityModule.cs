using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tartware.Availability.Api;
using Tartware.Availability.Guard;
using Tartware.Availability.Jobs;
using Tartware.Availability.Rebuild;
using Tartware.Availability.Rooms;
using Tartware.Contracts.Availability;
using Tartware.Contracts.Properties;
using Tartware.Messaging.Outbox;
using Tartware.ServiceDefaults.Health;
using Tartware.ServiceDefaults.Migrations;
using Tartware.ServiceDefaults.Roles;

namespace Tartware.Availability;

/// <summary>The availability guard: inventory ledger, locks with TTL, room assignment (schema <c>availability</c>).</summary>
public static class AvailabilityModule
{
    /// <summary>The role that runs the hold sweeper and the horizon job.</summary>
    public const string GuardRole = "guard";

    /// <summary>Registers the ledger, the guard façade, the room-change participant, the jobs of role <c>guard</c> and the rebuild.</summary>
    public static IServiceCollection AddAvailabilityModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations("availability", "availability", order: 40, typeof(AvailabilityModule).Assembly);
        services.AddOutboxSource("availability.outbox");
        services.AddOptions<AvailabilityOptions>().Bind(configuration.GetSection(AvailabilityOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AvailabilityOptions>, AvailabilityOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AvailabilityMetrics>();
        services.AddSingleton<ScopeResolver>();
        services.AddSingleton<RoomOccupancy>();
        services.AddSingleton<LockWriter>();
        services.AddSingleton<LockReleaser>();
        services.AddSingleton<RoomAssigner>();
        services.AddSingleton<IAvailabilityGuard, AvailabilityGuard>();
        services.AddSingleton<IRoomChangeParticipant, RoomInventoryParticipant>();
        services.AddSingleton<LedgerRebuild>();
        services.AddSingleton<IAvailabilityMaintenance>(sp => sp.GetRequiredService<LedgerRebuild>());
        services.AddScoped<LockService>();
        services.AddScoped<AvailabilityQueries>();

        services.AddRole(GuardRole, "Availability guard loops: hold expiry sweeper and the night horizon job");
        services.AddSingleton<JobHealth>();
        services.AddSingleton<HoldSweeper>();
        services.AddSingleton<HorizonJob>();
        if (services.GetRoleSelection().IsEnabled(GuardRole))
        {
            services.AddHostedService(sp => sp.GetRequiredService<HoldSweeper>());
            services.AddHostedService(sp => sp.GetRequiredService<HorizonJob>());
            services.AddHealthChecks().AddCheck<JobHealthCheck>("availability-jobs", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded,
                [HealthEndpoints.ReadyTag]);
        }

        return services;
    }

    /// <summary>Maps the availability grid, locks, blackouts and room blocks.</summary>
    public static IEndpointRouteBuilder MapAvailabilityModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAvailabilityApi();
        return endpoints;
    }
}
