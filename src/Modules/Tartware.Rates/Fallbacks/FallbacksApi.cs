using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tartware.Contracts.Rates;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.RateLimiting;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Rates.Fallbacks;

/// <summary>Which recorded decisions to re-rate (decision dates, UTC, inclusive).</summary>
internal sealed record ReRateBody(DateOnly? From, DateOnly? To, string? PartnerId, string? Reason);

/// <summary>/v1/properties/{id}/rate-fallbacks: statistics of the fallback audit (VIEWER+) and re-rating (MANAGER+).</summary>
internal static class FallbacksApi
{
    public static void MapFallbacksApi(this IEndpointRouteBuilder endpoints)
    {
        var fallbacks = endpoints.MapGroup("/v1/properties/{propertyId:guid}/rate-fallbacks").WithTags("Rate fallbacks")
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        fallbacks.MapGet("/stats", StatsAsync).RequirePermission("rates.read")
            .WithSummary("Fallback decisions between two dates: counts by reason, top offending partners, escalations");
        fallbacks.MapPost("/rerate", ReRateAsync).RequirePermission("rates.approve")
            .WithSummary("Re-quote the stays behind the recorded decisions of a window (e.g. after a partner fixed its data) and record the outcomes")
            .ProducesProblem(422);
    }

    private static async Task<Ok<FallbackStatsResponse>> StatsAsync(
        Guid propertyId, DateOnly? from, DateOnly? to, FallbackStats stats, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stats.ReadAsync(propertyId, from, to, cancellationToken));

    private static async Task<Ok<ReRateSummary>> ReRateAsync(
        Guid propertyId, ReRateBody body, IRateReRating reRating, RequestContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.From is null)
        {
            errors["from"] = ["is required (yyyy-MM-dd)"];
        }

        if (body.To is null)
        {
            errors["to"] = ["is required (yyyy-MM-dd)"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return TypedResults.Ok(await reRating.ReRateAsync(caller.TenantId,
            new ReRateRequest(propertyId, body.From!.Value, body.To!.Value, body.PartnerId, body.Reason), "user:" + caller.UserId, cancellationToken));
    }
}
