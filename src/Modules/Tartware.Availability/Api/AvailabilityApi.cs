using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.RateLimiting;

namespace Tartware.Availability.Api;

/// <summary>
/// The guard's HTTP API: the availability grid, holds and their releases and audit, blackouts, room
/// blocks with dates and the oversell policy. Staff hold; managers block and release by hand.
/// </summary>
internal static class AvailabilityApi
{
    public static void MapAvailabilityApi(this IEndpointRouteBuilder endpoints)
    {
        var properties = endpoints.MapGroup("/v1/properties/{propertyId:guid}").WithTags("Availability")
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        properties.MapGet("/availability", GridAsync).RequirePermission("availability.read")
            .WithSummary("Capacity, sold, held, blocked and available rooms per room type and night").ProducesProblem(400).ProducesProblem(422);
        properties.MapPut("/availability/oversell", OversellAsync).RequirePermission("availability.manage")
            .WithSummary("Set a room type's oversell limit from today on").ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);
        properties.MapPost("/blackouts", BlackoutAsync).RequirePermission("availability.approve")
            .WithSummary("Close a room type or the whole property for dates (409 listing affected reservations unless forced)")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);

        var locks = endpoints.MapGroup("/v1/availability/locks").WithTags("Availability")
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy).ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        locks.MapPost("/", HoldAsync).RequirePermission("availability.write")
            .WithSummary("Hold rooms of a type (or one room) for a stay with a TTL; 409 with the nights that lack inventory")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        locks.MapGet("/{id:guid}", GetAsync).RequirePermission("availability.read").WithSummary("One lock").ProducesProblem(404);
        locks.MapDelete("/{id:guid}", ReleaseAsync).RequirePermission("availability.write")
            .WithSummary("Release a hold (or, for managers, a maintenance block)").ProducesProblem(404).ProducesProblem(409);
        locks.MapPost("/bulk-release", BulkReleaseAsync).RequirePermission("availability.write")
            .WithSummary("Release many holds at once, with a reason").ProducesProblem(400);
        locks.MapPost("/{id:guid}/manual-release", ManualReleaseAsync).RequirePermission("availability.approve")
            .WithSummary("Release any active lock by hand (reason required, audited, published)").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        locks.MapGet("/{id:guid}/audit", AuditAsync).RequirePermission("availability.read")
            .WithSummary("Every transition of a lock, oldest first").ProducesProblem(404);
    }

    private static async Task<Ok<AvailabilityResponse>> GridAsync(
        Guid propertyId, DateOnly? from, DateOnly? to, Guid? roomTypeId, AvailabilityQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GridAsync(propertyId, from, to, roomTypeId, ct));

    private static async Task<Ok<OversellResponse>> OversellAsync(Guid propertyId, OversellRequest request, AvailabilityQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.SetOversellAsync(propertyId, request, ct));

    private static async Task<Results<Created<LockResponse>, Ok<LockResponse>>> BlackoutAsync(
        Guid propertyId, BlackoutRequest request, LockService service, HttpContext http, CancellationToken ct) =>
        Answer(await service.BlackoutAsync(propertyId, request, HeaderKey(http), ct));

    private static async Task<Results<Created<LockResponse>, Ok<LockResponse>>> HoldAsync(
        HoldRequest request, LockService service, HttpContext http, CancellationToken ct) =>
        Answer(await service.HoldAsync(request, HeaderKey(http), ct));

    private static async Task<Ok<LockResponse>> GetAsync(Guid id, LockService service, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(id, ct));

    private static async Task<NoContent> ReleaseAsync(Guid id, LockService service, CancellationToken ct)
    {
        await service.ReleaseAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<BulkReleaseResponse>> BulkReleaseAsync(BulkReleaseRequest request, LockService service, CancellationToken ct) =>
        TypedResults.Ok(await service.BulkReleaseAsync(request, ct));

    private static async Task<Ok<LockResponse>> ManualReleaseAsync(Guid id, ManualReleaseRequest request, LockService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ManualReleaseAsync(id, request, ct));

    private static async Task<Ok<IReadOnlyList<LockEventResponse>>> AuditAsync(Guid id, LockService service, CancellationToken ct) =>
        TypedResults.Ok(await service.AuditAsync(id, ct));

    /// <summary>201 for a new lock, 200 for a replay of the same idempotency key and request.</summary>
    private static Results<Created<LockResponse>, Ok<LockResponse>> Answer((LockResponse Lock, bool Replayed) result) =>
        result.Replayed ? TypedResults.Ok(result.Lock) : TypedResults.Created($"/v1/availability/locks/{result.Lock.Id}", result.Lock);

    private static string? HeaderKey(HttpContext http) =>
        http.Request.Headers.TryGetValue("Idempotency-Key", out var value) ? value.ToString() : null;
}
