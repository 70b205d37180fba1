using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.RateLimiting;

namespace Tartware.Rates.Policy;

/// <summary>The fallback policy of a property (MANAGER+ sets it) and the tenant default (ADMIN+ sets it).</summary>
internal static class PolicyApi
{
    public static void MapPolicyApi(this IEndpointRouteBuilder endpoints)
    {
        var property = endpoints.MapGroup("/v1/properties/{propertyId:guid}/rate-policy").WithTags("Rate policy")
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        property.MapGet("/", GetAsync).RequirePermission("rates.read")
            .WithSummary("The property's effective fallback policy (its own, else the tenant default, else the built-in default)");
        property.MapPut("/", SetAsync).RequirePermission("rates.approve")
            .WithSummary("Set the property's fallback policy: allow or deny fallback, maximum price delta, notification recipients")
            .ProducesProblem(400).ProducesProblem(409);

        var tenant = endpoints.MapGroup("/v1/rate-policy").WithTags("Rate policy")
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy).ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        tenant.MapGet("/", GetTenantAsync).RequirePermission("rates.read").WithSummary("The tenant's default fallback policy");
        tenant.MapPut("/", SetTenantAsync).RequirePermission("rates.manage")
            .WithSummary("Set the tenant's default fallback policy (properties without their own use it)").ProducesProblem(400).ProducesProblem(409);
    }

    private static async Task<Ok<RatePolicyResponse>> GetAsync(Guid propertyId, PolicyService policies, HttpResponse response, CancellationToken cancellationToken) =>
        Tagged(response, await policies.GetAsync(propertyId, cancellationToken));

    private static async Task<Ok<RatePolicyResponse>> SetAsync(Guid propertyId, RatePolicyRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        PolicyService policies, HttpResponse response, CancellationToken cancellationToken) =>
        Tagged(response, await policies.SetAsync(propertyId, request, EntityTags.Parse(ifMatch), cancellationToken));

    private static async Task<Ok<RatePolicyResponse>> GetTenantAsync(PolicyService policies, HttpResponse response, CancellationToken cancellationToken) =>
        Tagged(response, await policies.GetAsync(null, cancellationToken));

    private static async Task<Ok<RatePolicyResponse>> SetTenantAsync(RatePolicyRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        PolicyService policies, HttpResponse response, CancellationToken cancellationToken) =>
        Tagged(response, await policies.SetAsync(null, request, EntityTags.Parse(ifMatch), cancellationToken));

    // The ETag is the version of the row at this scope ("0" while the scope has none of its own).
    private static Ok<RatePolicyResponse> Tagged(HttpResponse response, RatePolicyResponse policy)
    {
        var own = policy.Scope == (policy.PropertyId is null ? "TENANT" : "PROPERTY") ? policy.Version ?? 0 : 0;
        EntityTags.Set(response, own);
        return TypedResults.Ok(policy);
    }
}
