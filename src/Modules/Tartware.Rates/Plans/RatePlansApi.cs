using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.RateLimiting;

namespace Tartware.Rates.Plans;

/// <summary>/v1/properties/{id}/rate-plans: anyone in the tenant reads; revenue managers (MANAGER+) change plans.</summary>
internal static class RatePlansApi
{
    public static void MapRatePlansApi(this IEndpointRouteBuilder endpoints)
    {
        var plans = endpoints.MapGroup("/v1/properties/{propertyId:guid}/rate-plans").WithTags("Rate plans")
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        plans.MapGet("/", ListAsync).RequirePermission("rates.read")
            .WithSummary("List the property's rate plans (keyset pagination by code, filter by status and type)").ProducesProblem(400);
        plans.MapGet("/{planId:guid}", GetAsync).RequirePermission("rates.read").WithSummary("One rate plan, with its ETag");
        plans.MapPost("/", CreateAsync).RequirePermission("rates.approve")
            .WithSummary("Create a rate plan (code upper-case and unique per property; derived plans name a base plan and an offset)")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);
        plans.MapPut("/{planId:guid}", UpdateAsync).RequirePermission("rates.approve")
            .WithSummary("Replace a rate plan's editable fields (If-Match with the ETag guards against lost updates)")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);
        plans.MapDelete("/{planId:guid}", DeleteAsync).RequirePermission("rates.approve")
            .WithSummary("Delete a rate plan with its prices and restrictions (never BAR or RACK, nor a base of derived plans)")
            .ProducesProblem(400).ProducesProblem(409);
    }

    private static async Task<Ok<RatePlanPage>> ListAsync(
        Guid propertyId, RatePlanService plans, string? status, string? type, int? limit, string? after, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.ListAsync(propertyId, status, type, limit ?? 50, after, cancellationToken));

    private static async Task<Ok<RatePlanResponse>> GetAsync(Guid propertyId, Guid planId, RatePlanService plans, HttpResponse response, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(propertyId, planId, cancellationToken);
        EntityTags.Set(response, plan.Version);
        return TypedResults.Ok(plan);
    }

    private static async Task<Created<RatePlanResponse>> CreateAsync(
        Guid propertyId, CreateRatePlanRequest request, RatePlanService plans, HttpResponse response, CancellationToken cancellationToken)
    {
        var plan = await plans.CreateAsync(propertyId, request, cancellationToken);
        EntityTags.Set(response, plan.Version);
        return TypedResults.Created($"/v1/properties/{propertyId}/rate-plans/{plan.Id}", plan);
    }

    private static async Task<Ok<RatePlanResponse>> UpdateAsync(
        Guid propertyId, Guid planId, UpdateRatePlanRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        RatePlanService plans, HttpResponse response, CancellationToken cancellationToken)
    {
        var plan = await plans.UpdateAsync(propertyId, planId, request, EntityTags.Parse(ifMatch), cancellationToken);
        EntityTags.Set(response, plan.Version);
        return TypedResults.Ok(plan);
    }

    private static async Task<NoContent> DeleteAsync(
        Guid propertyId, Guid planId, [FromHeader(Name = "If-Match")] string? ifMatch, RatePlanService plans, CancellationToken cancellationToken)
    {
        await plans.DeleteAsync(propertyId, planId, EntityTags.Parse(ifMatch), cancellationToken);
        return TypedResults.NoContent();
    }
}
