using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tartware.Properties.Properties;

namespace Tartware.Properties.Amenities;

/// <summary>/v1/properties/{propertyId}/amenities: the property's catalog, overrides, normalization, clone and drift.</summary>
internal static class AmenitiesApi
{
    private const string Prefix = "/v1/properties/{propertyId:guid}/amenities";

    public static void MapAmenitiesApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.Group(Prefix, "Amenities", "properties.read");
        read.MapGet("/", ListAsync).WithSummary("The property's amenity catalog (canonical entries, overrides and custom entries)").ProducesProblem(404);
        read.MapGet("/drift", DriftAsync).WithSummary("Room-type amenities that no longer match an active catalog entry").ProducesProblem(404);
        read.MapGet("/policy", GetPolicyAsync).WithSummary("The property's effective amenity guardrails and the layers they come from").ProducesProblem(404);
        read.MapPost("/normalize", NormalizeAsync).WithSummary("Map free-form or legacy amenity spellings to catalog codes (report only)")
            .ProducesProblem(400).ProducesProblem(404);

        var manage = endpoints.Group(Prefix, "Amenities", "properties.manage");
        var tenantRead = endpoints.Group("/v1/amenity-policy", "Amenities", "properties.read");
        tenantRead.MapGet("/", GetTenantPolicyAsync).WithSummary("The tenant-wide amenity guardrails every property inherits");
        var tenantManage = endpoints.Group("/v1/amenity-policy", "Amenities", "properties.manage");
        tenantManage.MapPut("/", PutTenantPolicyAsync).WithSummary("Set the tenant-wide amenity guardrails").ProducesProblem(400);
        manage.MapPut("/{code}", PutAsync).WithSummary("Override a canonical entry or add a custom one, within the guardrails")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        manage.MapDelete("/{code}", DeleteAsync).WithSummary("Delete a custom entry or reset an overridden canonical one")
            .ProducesProblem(404).ProducesProblem(422);
        manage.MapPost("/regenerate", RegenerateAsync).WithSummary("Re-run the canonical seed (idempotent; never touches overrides)").ProducesProblem(404);
        manage.MapPost("/clone", CloneAsync).WithSummary("Copy catalog entries (the defaults when no codes are sent) into room types in bulk")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        manage.MapPut("/policy", PutPolicyAsync).WithSummary("Set the property's amenity guardrails (limits inherit from the tenant when absent)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        manage.MapPost("/reconcile", ReconcileAsync).WithSummary("Repair drift: map what normalizes to an active code, remove the rest (mode)")
            .ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<Ok<AmenityPolicy>> GetTenantPolicyAsync(AmenityPolicyService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetTenantAsync(cancellationToken));

    private static async Task<Ok<AmenityPolicy>> PutTenantPolicyAsync(AmenityPolicyRequest request, AmenityPolicyService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.PutTenantAsync(request, cancellationToken));

    private static async Task<Ok<AmenityPolicyView>> GetPolicyAsync(Guid propertyId, AmenityPolicyService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetPropertyAsync(propertyId, cancellationToken));

    private static async Task<Ok<AmenityPolicyView>> PutPolicyAsync(
        Guid propertyId, AmenityPolicyRequest request, AmenityPolicyService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.PutPropertyAsync(propertyId, request, cancellationToken));

    private static async Task<Ok<AmenityCatalog>> ListAsync(Guid propertyId, AmenityCatalogService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(propertyId, cancellationToken));

    private static async Task<Ok<AmenityEntry>> PutAsync(
        Guid propertyId, string code, AmenityOverrideRequest request, AmenityCatalogService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.PutAsync(propertyId, code, request, cancellationToken));

    private static async Task<NoContent> DeleteAsync(Guid propertyId, string code, AmenityCatalogService service, CancellationToken cancellationToken)
    {
        await service.DeleteAsync(propertyId, code, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RegenerateResult>> RegenerateAsync(Guid propertyId, AmenityCatalogService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RegenerateResult(await service.RegenerateAsync(propertyId, cancellationToken)));

    private static async Task<Ok<NormalizationReport>> NormalizeAsync(
        Guid propertyId, NormalizeRequest request, AmenityCloneService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.NormalizeAsync(propertyId, request, cancellationToken));

    private static async Task<Ok<CloneResult>> CloneAsync(Guid propertyId, CloneRequest request, AmenityCloneService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.CloneAsync(propertyId, request, cancellationToken));

    private static async Task<Ok<DriftReport>> DriftAsync(Guid propertyId, AmenityDriftService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.DetectAsync(propertyId, cancellationToken));

    private static async Task<Ok<ReconcileResult>> ReconcileAsync(
        Guid propertyId, ReconcileRequest request, AmenityDriftService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ReconcileAsync(propertyId, request, cancellationToken));
}

/// <summary>Rows the seed inserted or refreshed.</summary>
internal sealed record RegenerateResult(int Changed);
