namespace Tartware.Reservations.Api;

/// <summary>Inline guest details (or send <c>guestId</c> for a stored profile).</summary>
internal sealed record GuestInput(string? FirstName, string? LastName, string? Email, string? Phone);

/// <summary>POST /v1/reservations.</summary>
internal sealed record CreateReservationRequest(
    Guid? PropertyId, Guid? RoomTypeId, DateOnly? Arrival, DateOnly? Departure, int? Adults, int? Children,
    GuestInput? Guest, Guid? GuestId, string? RateCode, bool? AllowRateFallback, string? Source, string? PartnerId, string? Notes);

/// <summary>PATCH /v1/reservations/{id}: only the fields sent change.</summary>
internal sealed record ModifyReservationRequest(
    Guid? RoomTypeId, DateOnly? Arrival, DateOnly? Departure, int? Adults, int? Children, string? RateCode, bool? AllowRateFallback,
    GuestInput? Guest, string? Notes);

/// <summary>POST .../cancel and .../no-show.</summary>
internal sealed record ReasonRequest(string? Reason);

/// <summary>POST .../check-in (room optional: one is picked when none is assigned) and .../assign-room (room required).</summary>
internal sealed record RoomRequest(Guid? RoomId);

/// <summary>202: the command is durable and on its way.</summary>
internal sealed record CommandAccepted(Guid ReservationId, Guid CommandId, string Kind, string State, string LifecycleUrl);

internal sealed record GuestResponse(Guid? Id, string FirstName, string LastName, string? Email, string? Phone);

internal sealed record NightResponse(DateOnly Night, decimal Amount, string Source);

internal sealed record CancellationResponse(int WindowHours, string Penalty, decimal? PenaltyPercent);

internal sealed record FallbackResponse(Guid? DecisionId, string RequestedRateCode, string AppliedRateCode, string Reason, string Detail,
    decimal? RequestedTotal, decimal? PriceDelta, bool Escalated);

internal sealed record RateResponse(string? RequestedRateCode, string RateCode, Guid? RatePlanId, string Currency, IReadOnlyList<NightResponse> Nights,
    decimal Total, CancellationResponse? Cancellation, FallbackResponse? Fallback);

internal sealed record RejectionResponse(string Code, string Detail);

/// <summary>A reservation. Status PENDING means its create is accepted and not yet applied.</summary>
internal sealed record ReservationResponse(
    Guid Id, Guid PropertyId, string? ConfirmationNumber, string Status, Guid RoomTypeId, DateOnly Arrival, DateOnly Departure, int Adults, int Children,
    GuestResponse Guest, RateResponse Rate, Guid? RoomId, string Source, string? PartnerId, string? Notes, RejectionResponse? Rejection,
    string? CancelReason, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record ReservationPage(IReadOnlyList<ReservationResponse> Items, string? Next);

internal sealed record TransitionResponse(string? From, string To, string Actor, string? Detail, DateTimeOffset At);

internal sealed record CommandLifecycleResponse(Guid CommandId, string Kind, string State, string Actor, string? CorrelationId, RejectionResponse? Rejection,
    int Redrives, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<TransitionResponse> Transitions);

internal sealed record LifecycleResponse(Guid ReservationId, IReadOnlyList<CommandLifecycleResponse> Commands);
