using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tartware.ServiceDefaults.Health;

/// <summary>
/// <c>/health/live</c> answers for the process alone (no dependency can make a pod restart-loop);
/// <c>/health/ready</c> runs every check tagged <c>ready</c> and is 503 when one fails, with a JSON
/// body naming each check and its latency.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Tag for checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Maps the liveness and readiness probes (anonymous, excluded from OpenAPI).</summary>
    public static IEndpointRouteBuilder MapTartwareHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = WriteAsync,
        }).AllowAnonymous().ExcludeFromDescription();

        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The JSON body every health endpoint writes: overall status and each check with its latency and data.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthBody(
            report.Status.ToString(),
            Math.Round(report.TotalDuration.TotalMilliseconds, 2),
            [.. report.Entries.Select(e => new HealthCheckBody(
                e.Key,
                e.Value.Status.ToString(),
                Math.Round(e.Value.Duration.TotalMilliseconds, 2),
                e.Value.Description,
                e.Value.Data.Count == 0 ? null : e.Value.Data))]);
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Options, context.RequestAborted);
    }

    private sealed record HealthBody(string Status, double TotalDurationMs, IReadOnlyList<HealthCheckBody> Checks);

    private sealed record HealthCheckBody(
        string Name, string Status, double DurationMs, string? Description, IReadOnlyDictionary<string, object>? Data);

    private static class HealthJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
    }
}
