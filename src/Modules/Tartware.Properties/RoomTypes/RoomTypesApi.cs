using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tartware.Properties.Common;
using Tartware.Properties.Properties;

namespace Tartware.Properties.RoomTypes;

/// <summary>/v1/properties/{propertyId}/room-types.</summary>
internal static class RoomTypesApi
{
    private const string Prefix = "/v1/properties/{propertyId:guid}/room-types";

    public static void MapRoomTypesApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.Group(Prefix, "Room types", "properties.read");
        read.MapGet("/", ListAsync).WithSummary("List a property's room types (keyset pagination by code)").ProducesProblem(400).ProducesProblem(404);
        read.MapGet("/{id:guid}", GetAsync).WithSummary("One room type (ETag carries its version)").ProducesProblem(404);

        var manage = endpoints.Group(Prefix, "Room types", "properties.manage");
        manage.MapPost("/", CreateAsync).WithSummary("Create a room type; amenities must come from the property's catalog")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        manage.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change a room type (If-Match refuses a stale edit with 409)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
    }

    private static async Task<Ok<Page<RoomTypeResponse>>> ListAsync(
        Guid propertyId, RoomTypeService service, int? limit, string? after, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(propertyId, limit, after, cancellationToken));

    private static async Task<Ok<RoomTypeResponse>> GetAsync(Guid propertyId, Guid id, RoomTypeService service, HttpContext context, CancellationToken cancellationToken)
    {
        var roomType = await service.GetAsync(propertyId, id, cancellationToken);
        context.SetETag(roomType.Version);
        return TypedResults.Ok(roomType);
    }

    private static async Task<Created<RoomTypeResponse>> CreateAsync(
        Guid propertyId, CreateRoomTypeRequest request, RoomTypeService service, HttpContext context, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(propertyId, request, cancellationToken);
        context.SetETag(created.Version);
        return TypedResults.Created($"/v1/properties/{propertyId}/room-types/{created.Id}", created);
    }

    private static async Task<Ok<RoomTypeResponse>> UpdateAsync(
        Guid propertyId, Guid id, UpdateRoomTypeRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, RoomTypeService service,
        HttpContext context, CancellationToken cancellationToken)
    {
        var updated = await service.UpdateAsync(propertyId, id, request, Versioning.Parse(ifMatch), cancellationToken);
        context.SetETag(updated.Version);
        return TypedResults.Ok(updated);
    }
}
