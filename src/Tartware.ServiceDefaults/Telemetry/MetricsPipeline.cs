using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Tartware.ServiceDefaults.Telemetry.Prometheus;

namespace Tartware.ServiceDefaults.Telemetry;

/// <summary>
/// One MeterProvider feeds both <c>/metrics</c> (pull) and, when configured, OTLP (push); each reader keeps
/// its own aggregation, so a scrape never resets what OTLP sees and vice versa.
/// </summary>
internal static class MetricsPipeline
{
    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "System.Runtime",
        "Npgsql",
        // "Starts with Tartware": the module meters (Tartware.Reservations, ...) and Tartware itself.
        TartwareDiagnostics.MeterPrefix + "*",
    ];

    public static MeterProvider Build(
        TelemetrySettings settings,
        ResourceBuilder resource,
        PrometheusMetricsExporter prometheus,
        Action<MeterProviderBuilder>? configure)
    {
        var builder = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            // Prometheus expects cumulative counters and histograms.
            .AddReader(new BaseExportingMetricReader(prometheus)
            {
                TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
            });

        if (settings.Otlp is { } otlp)
        {
            // Periodic reader exports on its own timer thread; requests only touch lock-free aggregators.
            builder.AddReader(new PeriodicExportingMetricReader(
                new OtlpMetricExporter(otlp.ExporterOptions("/v1/metrics")),
                otlp.MetricExportIntervalMilliseconds)
            {
                TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
            });
        }

        configure?.Invoke(builder);
        return builder.Build() ?? throw new InvalidOperationException("OpenTelemetry returned no MeterProvider.");
    }
}
