using Tartware.Messaging;
using Tartware.Messaging.Outbox;
using Tartware.ServiceDefaults;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.RateLimiting;
using Tartware.ServiceDefaults.Roles;

namespace Tartware.Host;

/// <summary>Settings the CLI passes to the web host on top of appsettings and environment variables.</summary>
public sealed record HostSettings(string[] Args, string? Roles = null, string? Urls = null, IReadOnlyDictionary<string, string?>? Overrides = null);

/// <summary>
/// Builds the platform host: service defaults, then every module, then their endpoints. Tests use the
/// same entry with their own settings and an optional hook for test-only endpoints.
/// </summary>
public static class TartwareApp
{
    /// <summary>Creates the builder with configuration from appsettings*.json, TARTWARE__ variables and flags.</summary>
    public static WebApplicationBuilder CreateBuilder(HostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "tartware",
        });
        builder.Configuration.AddEnvironmentVariables("TARTWARE__");
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (settings.Roles is not null)
        {
            flags["Roles"] = settings.Roles;
        }

        foreach (var (key, value) in settings.Overrides ?? new Dictionary<string, string?>())
        {
            flags[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(flags);
        if (settings.Urls is not null)
        {
            builder.WebHost.UseUrls(settings.Urls);
        }

        builder.AddServiceDefaults();
        builder.Services.AddTartwareKafka(builder.Configuration);
        builder.Services.AddOutboxDispatcher(builder.Configuration);
        Modules.AddAll(builder);
        return builder;
    }

    /// <summary>Builds the app, maps endpoints and checks roles and endpoint declarations.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, Action<WebApplication>? mapExtra = null)
    {
        var app = builder.Build();
        RoleRegistration.ValidateRoles(app.Services);
        app.MapDefaultEndpoints();
        app.MapReliabilityHealth();
        Modules.MapAll(app);
        mapExtra?.Invoke(app);
        EndpointConventions.Verify(((IEndpointRouteBuilder)app).DataSources);
        app.VerifyTartwareRateLimitPolicies();
        return app;
    }
}
