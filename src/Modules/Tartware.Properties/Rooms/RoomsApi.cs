using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tartware.Properties.Common;
using Tartware.Properties.Properties;

namespace Tartware.Properties.Rooms;

/// <summary>/v1/properties/{propertyId}/rooms: members read, STAFF set status and housekeeping, ADMIN shape the inventory.</summary>
internal static class RoomsApi
{
    private const string Prefix = "/v1/properties/{propertyId:guid}/rooms";

    public static void MapRoomsApi(this IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.Group(Prefix, "Rooms", "rooms.read");
        read.MapGet("/", ListAsync).WithSummary("List a property's rooms, optionally by room type or status (keyset by number)")
            .ProducesProblem(400).ProducesProblem(404);
        read.MapGet("/{id:guid}", GetAsync).WithSummary("One room (ETag carries its version)").ProducesProblem(404);

        var write = endpoints.Group(Prefix, "Rooms", "rooms.write");
        write.MapPut("/{id:guid}/status", SetStatusAsync).WithSummary("Set a room's status and/or housekeeping status")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        var manage = endpoints.Group(Prefix, "Rooms", "rooms.manage");
        manage.MapPost("/", CreateAsync).WithSummary("Add a room").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        manage.MapPost("/bulk", CreateBulkAsync).WithSummary("Add up to 500 rooms at once, all or none")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        manage.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change a room's number, floor, building, features or room type")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        manage.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Remove a room (refused with 409 while it would break future reservations)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<Page<RoomResponse>>> ListAsync(
        Guid propertyId, RoomService service, Guid? roomTypeId, string? status, int? limit, string? after, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(propertyId, roomTypeId, status, limit, after, cancellationToken));

    private static async Task<Ok<RoomResponse>> GetAsync(Guid propertyId, Guid id, RoomService service, HttpContext context, CancellationToken cancellationToken)
    {
        var room = await service.GetAsync(propertyId, id, cancellationToken);
        context.SetETag(room.Version);
        return TypedResults.Ok(room);
    }

    private static async Task<Created<RoomResponse>> CreateAsync(
        Guid propertyId, CreateRoomRequest request, RoomService service, HttpContext context, CancellationToken cancellationToken)
    {
        var created = await service.CreateAsync(propertyId, request, cancellationToken);
        context.SetETag(created.Version);
        return TypedResults.Created($"/v1/properties/{propertyId}/rooms/{created.Id}", created);
    }

    private static async Task<Created<BulkRoomsCreated>> CreateBulkAsync(
        Guid propertyId, BulkCreateRoomsRequest request, RoomService service, CancellationToken cancellationToken) =>
        TypedResults.Created($"/v1/properties/{propertyId}/rooms", await service.CreateBulkAsync(propertyId, request, cancellationToken));

    private static async Task<Ok<RoomResponse>> UpdateAsync(
        Guid propertyId, Guid id, UpdateRoomRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, RoomChangeService service,
        HttpContext context, CancellationToken cancellationToken)
    {
        var updated = await service.UpdateAsync(propertyId, id, request, Versioning.Parse(ifMatch), cancellationToken);
        context.SetETag(updated.Version);
        return TypedResults.Ok(updated);
    }

    private static async Task<Ok<RoomResponse>> SetStatusAsync(
        Guid propertyId, Guid id, RoomStatusRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, RoomChangeService service,
        HttpContext context, CancellationToken cancellationToken)
    {
        var updated = await service.SetStatusAsync(propertyId, id, request, Versioning.Parse(ifMatch), cancellationToken);
        context.SetETag(updated.Version);
        return TypedResults.Ok(updated);
    }

    private static async Task<NoContent> DeleteAsync(
        Guid propertyId, Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, RoomChangeService service, CancellationToken cancellationToken)
    {
        await service.DeleteAsync(propertyId, id, Versioning.Parse(ifMatch), cancellationToken);
        return TypedResults.NoContent();
    }
}
