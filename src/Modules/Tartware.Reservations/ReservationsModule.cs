using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tartware.Contracts.Reservations;
using Tartware.Messaging.Outbox;
using Tartware.Reservations.Api;
using Tartware.Reservations.Commands;
using Tartware.Reservations.Lifecycle;
using Tartware.Reservations.Operations;
using Tartware.Reservations.Processing;
using Tartware.Reservations.Rooms;
using Tartware.ServiceDefaults.Health;
using Tartware.ServiceDefaults.Migrations;
using Tartware.ServiceDefaults.Roles;

namespace Tartware.Reservations;

/// <summary>The command pipeline (schema <c>reservations</c>): reservation and room commands, the processor (role <c>processor</c>), facts, lifecycle, dead letters.</summary>
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
        services.AddSingleton<IStreamApplier>(sp => sp.GetRequiredService<CommandApplier>());
        services.AddSingleton<IStreamApplier, RoomCommandApplier>();
        services.AddSingleton<MessageHandler>();
        services.AddSingleton<ProcessorMetrics>();
        services.AddSingleton<IDeadLetterOperations, DeadLetterOperations>();
        services.AddSingleton<IReservationReRating, ReservationReRating>();
        services.AddSingleton<CommandSignals>();
        services.AddScoped<ReservationCommands>();
        services.AddScoped<ReservationQueries>();
        services.AddScoped<CommandOutcomes>();
        services.AddScoped<RoomCommands>();
        foreach (var (name, pick) in Streams)
        {
            services.AddKeyedSingleton(name, (sp, _) => ActivatorUtilities.CreateInstance<CommandProcessor>(sp, Stream(sp, pick)));
            services.AddHealthChecks().Add(new HealthCheckRegistration(name, sp => ActivatorUtilities.CreateInstance<PipelineHealthCheck>(sp, Stream(sp, pick)),
                null, [OutboxServiceCollectionExtensions.ReliabilityTag]));
        }

        if (services.GetRoleSelection().IsEnabled(RoleRegistration.Api))
        {
            services.AddHostedService(sp => sp.GetRequiredService<CommandSignals>());
        }

        services.AddRole(ProcessorRole,
            "Command processor: applies reservation (reservations.events) and room (rooms.commands) commands in order, dead-letters failures, re-drives stalled commands");
        services.AddSingleton<StalledCommandAuditor>();
        if (services.GetRoleSelection().IsEnabled(ProcessorRole))
        {
            foreach (var (name, _) in Streams)
            {
                // AddHostedService would keep only the first of two registrations of one implementation type.
                services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<CommandProcessor>(name));
                services.AddHealthChecks().Add(new HealthCheckRegistration(name + "-processor", sp => sp.GetRequiredKeyedService<CommandProcessor>(name).Health,
                    HealthStatus.Degraded, [HealthEndpoints.ReadyTag]));
            }

            services.AddHostedService(sp => sp.GetRequiredService<StalledCommandAuditor>());
        }

        return services;
    }

    /// <summary>Maps the reservation commands and reads.</summary>
    public static IEndpointRouteBuilder MapReservationsModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReservationsApi();
        endpoints.MapRoomCommandsApi();
        return endpoints;
    }

    /// <summary>The command streams by name: the health check, the readiness check (name-processor) and the processor's key.</summary>
    private static readonly (string Name, Func<ReservationsOptions, CommandStream> Pick)[] Streams =
    [
        ("reservations", o => o.ReservationStream),
        ("rooms", o => o.RoomStream),
    ];

    private static CommandStream Stream(IServiceProvider services, Func<ReservationsOptions, CommandStream> pick) =>
        pick(services.GetRequiredService<IOptions<ReservationsOptions>>().Value);
}
