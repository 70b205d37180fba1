using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Tartware.ServiceDefaults.Telemetry;

/// <summary>
/// Builds the TracerProvider by hand: the OpenTelemetry hosting and instrumentation packages are not on our
/// feed (docs/adr/0004-hand-built-telemetry-and-log-redaction.md), but the framework emits spans on these
/// ActivitySources itself.
/// </summary>
internal static class TracingPipeline
{
    public static readonly string[] Sources =
    [
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "Npgsql",
        TartwareDiagnostics.ActivitySourceName,
        TartwareDiagnostics.ActivitySourceName + ".*",
    ];

    public static TracerProvider Build(
        TelemetrySettings settings, ResourceBuilder resource, Action<TracerProviderBuilder>? configure)
    {
        var builder = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            // Parent-based: a caller's sampling decision wins, so a trace is never half recorded across services.
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSampleRatio)));

        if (settings.Otlp is { } otlp)
        {
            // Batch processor: spans are queued and exported on a background thread, so a slow or dead
            // collector costs a dropped span, never request latency.
            builder.AddProcessor(new BatchActivityExportProcessor(
                new OtlpTraceExporter(otlp.ExporterOptions("/v1/traces"))));
        }

        configure?.Invoke(builder);
        return builder.Build() ?? throw new InvalidOperationException("OpenTelemetry returned no TracerProvider.");
    }
}
