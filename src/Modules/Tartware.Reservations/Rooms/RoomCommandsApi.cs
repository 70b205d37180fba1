using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Tartware.Messaging.Lifecycle;
using Tartware.Reservations.Api;
using Tartware.Reservations.Lifecycle;
using Tartware.ServiceDefaults.Data;
using Tartware.Reservations.Commands;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.Logging;
using Tartware.ServiceDefaults.RateLimiting;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Reservations.Rooms;

/// <summary>
/// Room commands (block, release, out-of-order, out-of-service, housekeeping status), each behind an
/// <c>Idempotency-Key</c> and answered 202 with a lifecycle URL, or with <c>Prefer: wait=N</c> the
/// outcome; and the lifecycle of a room's commands.
/// </summary>
internal static class RoomCommandsApi
{
    private static readonly string[] BlockKinds = ["BLOCK", "OUT_OF_ORDER", "OUT_OF_SERVICE"];

    public static void MapRoomCommandsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/rooms/{roomId:guid}").WithTags("Rooms").RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        MapBlock(group, "block", "BlockRoom", "Take a room off sale for dates (a show room, a set-aside); 409 listing the stays in the way unless forced");
        MapBlock(group, "out-of-order", "RoomOutOfOrder", "Take a room out of order for dates; 409 listing the stays in the way unless forced");
        MapBlock(group, "out-of-service", "RoomOutOfService", "Take a room out of service for dates; 409 listing the stays in the way unless forced");
        group.MapPost("/release", async (Guid roomId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RoomReleaseRequest? request, RoomCommands commands,
                CommandOutcomes outcomes, HttpContext http, CancellationToken ct) =>
            {
                var (accepted, _) = await commands.ReleaseAsync(roomId, request ?? new RoomReleaseRequest(null, null), Acceptance.HeaderKey(http), CorrelationId.Get(http), ct);
                return await AnswerAsync(http, outcomes, accepted, ct);
            })
            .RequirePermission("availability.approve").WithName("ReleaseRoom")
            .WithSummary("End the room's dated blocks (or one, by lockId); 409 when none is active")
            .Produces<RoomCommandAccepted>(202).Produces<RoomCommandOutcome>(200).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/housekeeping-status", async (Guid roomId, HousekeepingRequest request, RoomCommands commands, CommandOutcomes outcomes, HttpContext http,
                CancellationToken ct) =>
            {
                var (accepted, _) = await commands.HousekeepingAsync(roomId, request, Acceptance.HeaderKey(http), CorrelationId.Get(http), ct);
                return await AnswerAsync(http, outcomes, accepted, ct);
            })
            .RequirePermission("housekeeping.write").WithName("SetHousekeepingStatus")
            .WithSummary("Set CLEAN, DIRTY, INSPECTED (only from CLEAN) or IN_PROGRESS")
            .Produces<RoomCommandAccepted>(202).Produces<RoomCommandOutcome>(200).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/lifecycle", LifecycleAsync).RequirePermission("availability.read").WithName("RoomLifecycle")
            .WithSummary("Every command of the room with each lifecycle transition").ProducesProblem(404);
    }

    private static void MapBlock(RouteGroupBuilder group, string route, string name, string summary) =>
        group.MapPost("/" + route, async (Guid roomId, RoomBlockRequest request, RoomCommands commands, CommandOutcomes outcomes, HttpContext http,
                CancellationToken ct) =>
            {
                var (accepted, _) = await commands.BlockAsync(roomId, route, request, Acceptance.HeaderKey(http), CorrelationId.Get(http), ct);
                return await AnswerAsync(http, outcomes, accepted, ct);
            })
            .RequirePermission("availability.approve").WithName(name).WithSummary(summary)
            .Produces<RoomCommandAccepted>(202).Produces<RoomCommandOutcome>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

    /// <summary>202 at once; with <c>Prefer: wait</c> 201 (a block, Location = its lock) or 200, the rejection as a problem, or 202 when time ran out.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext http, CommandOutcomes outcomes, RoomCommandAccepted accepted, CancellationToken ct)
    {
        var decision = await outcomes.AwaitAsync(http, accepted.CommandId, ct);
        if (decision?.State == CommandState.Applied)
        {
            var result = RoomCommandResult.Parse(decision.Result);
            var outcome = new RoomCommandOutcome(accepted.RoomId, accepted.CommandId, accepted.Kind, "APPLIED", result);
            return BlockKinds.Contains(accepted.Kind) && result?.LockId is { } lockId
                ? TypedResults.Created($"/v1/availability/locks/{lockId}", outcome)
                : TypedResults.Ok(outcome);
        }

        if (decision?.State == CommandState.Rejected)
        {
            var problem = CommandOutcomes.Rejection(decision, "room", accepted.RoomId, accepted.CommandId, accepted.LifecycleUrl, "roomId");
            if (RoomCommandResult.Parse(decision.Result) is { } conflict)
            {
                if (conflict.Nights is { Count: > 0 } nights)
                {
                    problem.Extensions["nights"] = nights;
                }

                if (conflict.Reservations is { Count: > 0 } reservations)
                {
                    problem.Extensions["reservations"] = reservations;
                }

                if (conflict.HousekeepingStatus is { } current)
                {
                    problem.Extensions["housekeepingStatus"] = current;
                }
            }

            throw problem;
        }

        return TypedResults.Accepted(accepted.LifecycleUrl, decision is null ? accepted : accepted with { State = CommandLifecycle.Name(decision.State) });
    }

    private static async Task<Ok<RoomLifecycleResponse>> LifecycleAsync(Guid roomId, RoomCommands commands, IUnitOfWorkFactory units, RequestContext caller,
        CancellationToken ct)
    {
        await using var unit = await units.BeginAsync(caller.TenantId, ct);
        await commands.RoomAsync(unit.Transaction, roomId, ct);
        return TypedResults.Ok(new RoomLifecycleResponse(roomId, await LifecycleStore.ListAsync(unit.Transaction, roomId, ct)));
    }
}
