using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tartware.ServiceDefaults.Telemetry.Prometheus;

namespace Tartware.ServiceDefaults.Telemetry;

/// <summary>
/// Prometheus text exposition (format 0.0.4) of the metrics pipeline, written by hand because no Prometheus
/// exporter package is on our feed (docs/adr/0004-hand-built-telemetry-and-log-redaction.md).
/// </summary>
public static class PrometheusEndpointRouteBuilderExtensions
{
    internal const string ContentType = "text/plain; version=0.0.4; charset=utf-8";
    private const int ScrapeTimeoutMilliseconds = 10_000;

    /// <summary>
    /// Maps <c>GET {pattern}</c>, anonymous because Prometheus scrapers carry no token (so keep the path off the
    /// public ingress) and excluded from the API document. Requires <c>AddTartwareTelemetry</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var exporter = endpoints.ServiceProvider.GetService<PrometheusMetricsExporter>()
            ?? throw new InvalidOperationException("Call services.AddTartwareTelemetry(...) before MapPrometheusMetrics().");

        return endpoints.MapGet(pattern, (HttpContext context) => Scrape(context, exporter))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    private static Results<ContentHttpResult, StatusCodeHttpResult> Scrape(HttpContext context, PrometheusMetricsExporter exporter)
    {
        // Also covers a custom pattern that UseProbeTraceSuppression's fixed path list does not know.
        ProbeTraceSuppressionExtensions.SuppressRequestSpan(context);
        context.Response.Headers.CacheControl = "no-store";

        var payload = exporter.Scrape(ScrapeTimeoutMilliseconds);
        return payload is null
            ? TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Text(payload, ContentType);
    }
}
