using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tartware.Contracts.Reservations;
using Tartware.Messaging.Outbox;
using Tartware.Reservations.Api;
using Tartware.Reservations.Commands;
using Tartware.Reservations.Lifecycle;
using Tartware.Reservations.Operations;
using Tartware.Reservations.Processing;
using Tartware.ServiceDefaults.Health;
using Tartware.ServiceDefaults.Migrations;
using Tartware.ServiceDefaults.Roles;

namespace Tartware.Reservations;

/// <summary>The reservation pipeline (schema <c>reservations</c>): commands API, processor (role <c>processor</c>), facts, lifecycle, dead letters.</summary>
public static class ReservationsModule
{
    /// <summary>The role that consumes and applies commands and audits stalled ones.</summary>
    public const string ProcessorRole = "processor";

    /// <summary>Registers acceptance, reads, the processor of role <c>processor</c>, health and the dead-letter operations.</summary>
    public static IServiceCollection AddReservationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations("reservations", "reservations", order: 50, typeof(ReservationsModule).Assembly);
        services.AddOutboxSource("reservations.outbox");
        services.AddSingleton<IOutboxDeliveryListener, CommandDeliveryListener>();
        // The earlier platform's env names first, then configuration (appsettings, TARTWARE__, --set) over them.
        services.AddOptions<ReservationsOptions>().Configure(o => o.ApplyPlanEnvironment(Environment.GetEnvironmentVariable))
            .Bind(configuration.GetSection(ReservationsOptions.Section));
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CommandWriter>();
        services.AddSingleton<CommandApplier>();
        services.AddSingleton<MessageHandler>();
        services.AddSingleton<ProcessorMetrics>();
        services.AddSingleton<ProcessorHealth>();
        services.AddSingleton<IDeadLetterOperations, DeadLetterOperations>();
        services.AddSingleton<IReservationReRating, ReservationReRating>();
        services.AddSingleton<CommandSignals>();
        services.AddScoped<ReservationCommands>();
        services.AddScoped<ReservationQueries>();
        services.AddScoped<CommandOutcomes>();
        services.AddHealthChecks().AddCheck<PipelineHealthCheck>("reservations", tags: [OutboxServiceCollectionExtensions.ReliabilityTag]);

        if (services.GetRoleSelection().IsEnabled(RoleRegistration.Api))
        {
            services.AddHostedService(sp => sp.GetRequiredService<CommandSignals>());
        }

        services.AddRole(ProcessorRole, "Reservation processor: applies commands from reservations.events in order, dead-letters failures, re-drives stalled commands");
        services.AddSingleton<ReservationProcessor>();
        services.AddSingleton<StalledCommandAuditor>();
        if (services.GetRoleSelection().IsEnabled(ProcessorRole))
        {
            services.AddHostedService(sp => sp.GetRequiredService<ReservationProcessor>());
            services.AddHostedService(sp => sp.GetRequiredService<StalledCommandAuditor>());
            services.AddHealthChecks().AddCheck<ProcessorHealth>("reservations-processor", HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
        }

        return services;
    }

    /// <summary>Maps the reservation commands and reads.</summary>
    public static IEndpointRouteBuilder MapReservationsModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReservationsApi();
        return endpoints;
    }
}
