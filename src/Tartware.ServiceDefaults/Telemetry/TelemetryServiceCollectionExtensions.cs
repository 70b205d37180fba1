using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tartware.ServiceDefaults.Telemetry.Prometheus;

namespace Tartware.ServiceDefaults.Telemetry;

/// <summary>
/// Registers Tartware's tracing and metrics pipelines: hand-built OpenTelemetry providers (singletons,
/// disposed with the container), OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and the
/// exporter behind <see cref="PrometheusEndpointRouteBuilderExtensions.MapPrometheusMetrics"/>.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds traces (ASP.NET Core, HttpClient, Npgsql, <c>Tartware*</c>) and metrics (ASP.NET Core, Kestrel,
    /// HttpClient, runtime, Npgsql, <c>Tartware*</c>). Reads <c>Telemetry:TraceSampleRatio</c> (default 1.0).
    /// </summary>
    public static IServiceCollection AddTartwareTelemetry(
        this IServiceCollection services, IConfiguration configuration, string serviceName = "tartware") =>
        services.AddTartwareTelemetry(configuration, serviceName, configureTracing: null, configureMetrics: null);

    /// <summary>Seam for tests (in-memory exporters); internal until a host needs it.</summary>
    internal static IServiceCollection AddTartwareTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        string serviceName,
        Action<TracerProviderBuilder>? configureTracing,
        Action<MeterProviderBuilder>? configureMetrics)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(PrometheusMetricsExporter)))
        {
            return services;
        }

        var settings = TelemetrySettings.From(configuration, serviceName);

        // Registered as an instance so the container never disposes it: the metric reader owns it.
        services.AddSingleton(new PrometheusMetricsExporter());
        services.AddSingleton(sp => TracingPipeline.Build(
            settings, TelemetryResource.Create(settings, sp, configuration), configureTracing));
        services.AddSingleton(sp => MetricsPipeline.Build(
            settings,
            TelemetryResource.Create(settings, sp, configuration),
            sp.GetRequiredService<PrometheusMetricsExporter>(),
            configureMetrics));

        services.AddTransient<IStartupFilter, TelemetryStartupFilter>();
        services.AddHostedService<TelemetryProvidersActivator>();
        return services;
    }
}
