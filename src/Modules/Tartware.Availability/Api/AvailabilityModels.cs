using Tartware.Availability.Ledger;
using Tartware.Availability.Locks;

namespace Tartware.Availability.Api;

/// <summary>POST /v1/availability/locks: a hold with a TTL.</summary>
internal sealed record HoldRequest(
    Guid? PropertyId, Guid? RoomTypeId, Guid? RoomId, DateOnly? Arrival, DateOnly? Departure, int? Quantity, int? TtlSeconds,
    string? IdempotencyKey, string? Reason);

/// <summary>POST /v1/properties/{id}/blackouts: close a room type (or the whole property) for dates.</summary>
internal sealed record BlackoutRequest(Guid? RoomTypeId, DateOnly? From, DateOnly? To, int? Quantity, string? Reason, bool? Force, string? IdempotencyKey);

/// <summary>DELETE body-less release, manual release and bulk release.</summary>
internal sealed record ManualReleaseRequest(string? Reason);

internal sealed record BulkReleaseRequest(IReadOnlyList<Guid>? LockIds, string? Reason);

internal sealed record BulkReleaseResponse(IReadOnlyList<Guid> Released, IReadOnlyList<Guid> NotActive, IReadOnlyList<Guid> NotFound);

/// <summary>PUT /v1/properties/{id}/availability/oversell.</summary>
internal sealed record OversellRequest(Guid? RoomTypeId, int? OversellLimit, bool? Force, string? Reason);

internal sealed record AvailabilityNight(DateOnly Date, Guid RoomTypeId, int Capacity, int Sold, int Held, int Blocked, int OversellLimit, int Available);

internal sealed record AvailabilityResponse(Guid PropertyId, DateOnly From, DateOnly To, IReadOnlyList<AvailabilityNight> Nights);

internal sealed record LockResponse(
    Guid Id, Guid PropertyId, Guid? RoomTypeId, Guid? RoomId, string Kind, DateOnly Arrival, DateOnly? Departure, int Quantity, bool ClosesAll,
    string Status, DateTimeOffset? ExpiresAt, string IdempotencyKey, string Actor, string? Reason, bool Forced, string? ReleaseReason,
    string? ReleasedBy, DateTimeOffset? ReleasedAt, DateTimeOffset CreatedAt)
{
    public static LockResponse From(LockRecord l) => new(
        l.Id, l.PropertyId, l.RoomTypeId, l.RoomId, l.Kind, l.Arrival, l.Departure == LockKinds.OpenEnd ? null : l.Departure, l.Quantity, l.ClosesAll,
        l.Status, l.ExpiresAt, l.IdempotencyKey, l.Actor, l.Reason, l.Forced, l.ReleaseReason, l.ReleasedBy, l.ReleasedAt, l.CreatedAt);
}

internal sealed record LockEventResponse(long Id, string Event, string Actor, string? Reason, string? Detail, DateTimeOffset At);

internal sealed record OversellResponse(Guid PropertyId, Guid RoomTypeId, int OversellLimit, DateOnly From, bool Forced, string? Reason);
