using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tartware.Properties.Common;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.RateLimiting;

namespace Tartware.Properties.Properties;

/// <summary>/v1/properties: every member reads; ADMIN and above create and edit.</summary>
internal static class PropertiesApi
{
    public static void MapPropertiesApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.Group("/v1/properties", "Properties", "properties.read");
        read.MapGet("/", ListAsync).WithSummary("List the tenant's properties (keyset pagination by code)").ProducesProblem(400);
        read.MapGet("/{id:guid}", GetAsync).WithSummary("One property (ETag carries its version)").ProducesProblem(404);

        var manage = endpoints.Group("/v1/properties", "Properties", "properties.manage");
        manage.MapPost("/", CreateAsync).WithSummary("Create a property; seeds its amenity catalog and runs the setup participants")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);
        manage.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change a property (If-Match with the ETag refuses a stale edit with 409)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
    }

    /// <summary>A route group with the module's shared policy: permission, rate limit, tags and the common problems.</summary>
    public static RouteGroupBuilder Group(this IEndpointRouteBuilder endpoints, string prefix, string tag, string permission) =>
        endpoints.MapGroup(prefix).WithTags(tag).RequirePermission(permission)
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);

    private static async Task<Ok<Page<PropertyResponse>>> ListAsync(PropertyService service, int? limit, string? after, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(limit, after, cancellationToken));

    private static async Task<Ok<PropertyResponse>> GetAsync(Guid id, PropertyService service, HttpContext context, CancellationToken cancellationToken)
    {
        var property = await service.GetAsync(id, cancellationToken);
        context.SetETag(property.Version);
        return TypedResults.Ok(property);
    }

    private static async Task<Created<PropertyResponse>> CreateAsync(
        CreatePropertyRequest request, PropertyService service, HttpContext context, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(request, cancellationToken);
        context.SetETag(created.Version);
        return TypedResults.Created($"/v1/properties/{created.Id}", created);
    }

    private static async Task<Ok<PropertyResponse>> UpdateAsync(
        Guid id, UpdatePropertyRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, PropertyService service, HttpContext context,
        CancellationToken cancellationToken)
    {
        var updated = await service.UpdateAsync(id, request, Versioning.Parse(ifMatch), cancellationToken);
        context.SetETag(updated.Version);
        return TypedResults.Ok(updated);
    }
}
