using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tartware.ServiceDefaults.Configuration;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Health;
using Tartware.ServiceDefaults.Logging;
using Tartware.ServiceDefaults.Migrations;
using Tartware.ServiceDefaults.OpenApi;
using Tartware.ServiceDefaults.RateLimiting;
using Tartware.ServiceDefaults.Redis;
using Tartware.ServiceDefaults.Roles;
using Tartware.ServiceDefaults.Security;
using Tartware.ServiceDefaults.Telemetry;

namespace Tartware.ServiceDefaults;

/// <summary>
/// The two calls every Tartware host makes: <see cref="AddServiceDefaults"/> before modules register,
/// <see cref="MapDefaultEndpoints"/> before modules map their endpoints.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Logging with redaction, telemetry, problem details, health, OpenAPI, roles, PostgreSQL, Redis.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Logging.AddTartwareLogging(configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTartwareTelemetry(configuration);
        builder.Services.AddTartwareProblemDetails();
        builder.Services.AddValidatedOptions<HttpLimitsOptions>(configuration, "Http");
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpLimitsOptions>>(
            (kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        builder.Services.AddHealthChecks();
        builder.Services.AddTartwareOpenApi();
        builder.Services.AddRoleSelection(configuration);
        builder.Services.AddTartwareDatabase(configuration);
        builder.Services.AddTartwareRedis(configuration);
        builder.Services.AddTartwareRateLimiting(configuration);
        builder.Services.AddPlatformMigrations();
        builder.Services.AddTartwareSecurity();
        return builder;
    }

    /// <summary>Middleware in order (correlation and logging first, so errors carry the id), then probes, metrics and docs.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseProbeTraceSuppression();
        app.UseTartwareRequestLogging();
        app.UseTartwareProblemDetails();
        app.UseTartwareSwaggerUi();
        app.UseRouting();
        // Authentication first so limits can partition by user and tenant; authorization after, so a
        // flood of bad tokens is still limited by client IP.
        app.UseAuthentication();
        app.UseTartwareRateLimiting();
        app.UseAuthorization();
        app.UseTartwarePropertyScope();
        app.MapTartwareHealth();
        app.MapPrometheusMetrics();
        app.MapTartwareOpenApi();
        return app;
    }
}
