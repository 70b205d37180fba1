using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Tartware.Contracts.Reservations.V1;
using Tartware.Reservations.Commands;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.Logging;
using Tartware.ServiceDefaults.RateLimiting;

namespace Tartware.Reservations.Api;

/// <summary>
/// The reservation API: commands (202 with a lifecycle URL, or the outcome with <c>Prefer: wait=N</c>),
/// every one behind an <c>Idempotency-Key</c>; reads of reservations and of their commands' lifecycles.
/// </summary>
internal static class ReservationsApi
{
    public static void MapReservationsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/reservations").WithTags("Reservations").RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", CreateAsync).RequirePermission("reservations.write").WithName("CreateReservation")
            .WithSummary("Book a stay (Idempotency-Key required; Prefer: wait=N answers 201 or the rejection)")
            .Produces<CommandAccepted>(202).Produces<ReservationResponse>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        group.MapPatch("/{id:guid}", ModifyAsync).RequirePermission("reservations.write").WithName("ModifyReservation")
            .WithSummary("Change dates, room type, occupancy, rate or guest details (re-priced at acceptance)")
            .Produces<CommandAccepted>(202).Produces<ReservationResponse>(200).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        MapStatus(group, "cancel", "CancelReservation", "Cancel (reason required); releases the inventory",
            (Guid id, ReasonRequest? request) => (request ?? new ReasonRequest(null), c => c.Cancel = new CancelReservation { Reason = ReservationCommands.Reason(request?.Reason, true) }));
        MapStatus(group, "no-show", "MarkNoShow", "Mark a confirmed reservation as a no-show; releases the inventory",
            (Guid id, ReasonRequest? request) => (request ?? new ReasonRequest(null), c => c.NoShow = new MarkNoShow { Reason = ReservationCommands.Reason(request?.Reason, false) ?? string.Empty }));
        MapStatus(group, "check-in", "CheckIn", "Check in (assigns a clean room when none is assigned)",
            (Guid id, RoomRequest? request) => (request ?? new RoomRequest(null), c => c.CheckIn = new CheckIn { RoomId = request?.RoomId?.ToString() ?? string.Empty }));
        MapStatus(group, "check-out", "CheckOut", "Check out; releases the room and the inventory",
            (Guid id, EmptyRequest? request) => (new EmptyRequest(), c => c.CheckOut = new CheckOut()));
        MapStatus(group, "assign-room", "AssignRoom", "Assign a room to the stay (409 when it is taken)",
            (Guid id, RoomRequest? request) => (request ?? new RoomRequest(null), c => c.AssignRoom = new AssignRoom
            {
                RoomId = (request?.RoomId ?? throw ServiceDefaults.Errors.ValidationFailedException.For("roomId", "is required")).ToString(),
            }));

        group.MapGet("/{id:guid}", GetAsync).RequirePermission("reservations.read").WithName("GetReservation")
            .WithSummary("A reservation (PENDING while its create is on its way, REJECTED with the reason)").ProducesProblem(404);
        group.MapGet("/", ListAsync).RequirePermission("reservations.read").WithName("ListReservations")
            .WithSummary("Reservations by arrival (keyset: pass next as after); filters property, arrival range, status, guest").ProducesProblem(400).ProducesProblem(404);
        group.MapGet("/{id:guid}/lifecycle", LifecycleAsync).RequirePermission("reservations.read").WithName("ReservationLifecycle")
            .WithSummary("Every command of the reservation with each lifecycle transition").ProducesProblem(404);
    }

    private static void MapStatus<TRequest>(RouteGroupBuilder group, string route, string name, string summary,
        Func<Guid, TRequest?, (object Request, Action<ReservationCommand> Body)> build)
        where TRequest : class
    {
        group.MapPost("/{id:guid}/" + route, async (Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TRequest? request, ReservationCommands commands, CommandOutcomes outcomes, HttpContext http,
                CancellationToken ct) =>
            {
                var (body, fill) = build(id, request);
                var (accepted, _) = await commands.StatusAsync(id, route, body, fill, Acceptance.HeaderKey(http), CorrelationId.Get(http), ct);
                return await outcomes.AnswerAsync(http, accepted, ct);
            })
            .RequirePermission("reservations.write").WithName(name).WithSummary(summary)
            .Produces<CommandAccepted>(202).Produces<ReservationResponse>(200).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
    }

    private static async Task<IResult> CreateAsync(CreateReservationRequest request, ReservationCommands commands, CommandOutcomes outcomes, HttpContext http,
        CancellationToken ct)
    {
        var (accepted, _) = await commands.CreateAsync(request, Acceptance.HeaderKey(http), CorrelationId.Get(http), ct);
        return await outcomes.AnswerAsync(http, accepted, ct);
    }

    private static async Task<IResult> ModifyAsync(Guid id, ModifyReservationRequest request, ReservationCommands commands, CommandOutcomes outcomes,
        HttpContext http, CancellationToken ct)
    {
        var (accepted, _) = await commands.ModifyAsync(id, request, Acceptance.HeaderKey(http), CorrelationId.Get(http), ct);
        return await outcomes.AnswerAsync(http, accepted, ct);
    }

    private static async Task<Ok<ReservationResponse>> GetAsync(Guid id, ReservationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GetAsync(id, ct));

    private static async Task<Ok<ReservationPage>> ListAsync(Guid? propertyId, DateOnly? arrivalFrom, DateOnly? arrivalTo, string? status, string? guest,
        int? limit, string? after, ReservationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(propertyId, arrivalFrom, arrivalTo, status, guest, limit, after, ct));

    private static async Task<Ok<LifecycleResponse>> LifecycleAsync(Guid id, ReservationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.LifecycleAsync(id, ct));
}

/// <summary>A command without a body (check-out); an empty JSON object is fine.</summary>
internal sealed record EmptyRequest;
