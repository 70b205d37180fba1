using System.Text.Json;
using System.Text.Json.Serialization;
using Tartware.Contracts.Availability;

namespace Tartware.Reservations.Rooms;

/// <summary>POST /v1/rooms/{id}/block, /out-of-order and /out-of-service: nights from <c>from</c> up to <c>to</c> (exclusive).</summary>
internal sealed record RoomBlockRequest(DateOnly? From, DateOnly? To, string? Reason, bool? Force);

/// <summary>POST /v1/rooms/{id}/release: every active dated block of the room, or only <c>lockId</c>.</summary>
internal sealed record RoomReleaseRequest(Guid? LockId, string? Reason);

/// <summary>POST /v1/rooms/{id}/housekeeping-status.</summary>
internal sealed record HousekeepingRequest(string? Status, string? Reason);

/// <summary>202: the room command is durable and on its way.</summary>
internal sealed record RoomCommandAccepted(Guid RoomId, Guid CommandId, string Kind, string State, string LifecycleUrl);

/// <summary>What applying a room command decided (stored with the command; the answer to <c>Prefer: wait</c>).</summary>
internal sealed record RoomCommandResult(
    Guid? LockId = null, IReadOnlyList<Guid>? ReleasedLockIds = null, DateOnly? From = null, DateOnly? To = null, bool? Forced = null,
    string? HousekeepingStatus = null, string? PreviousHousekeepingStatus = null, IReadOnlyList<NightShortage>? Nights = null,
    IReadOnlyList<string>? Reservations = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RoomCommandResult? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<RoomCommandResult>(json, Json);
}

/// <summary>A decided room command, for a client that waited.</summary>
internal sealed record RoomCommandOutcome(Guid RoomId, Guid CommandId, string Kind, string State, RoomCommandResult? Result);

internal sealed record RoomLifecycleResponse(Guid RoomId, IReadOnlyList<Api.CommandLifecycleResponse> Commands);
