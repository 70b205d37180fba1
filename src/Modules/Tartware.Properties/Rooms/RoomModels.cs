using System.Text.RegularExpressions;
using Tartware.Properties.Common;

namespace Tartware.Properties.Rooms;

/// <summary>POST .../rooms (and each item of .../rooms/bulk).</summary>
internal sealed record CreateRoomRequest(
    string? Number, int? Floor, string? Building, Guid? RoomTypeId, string? Status, string? HousekeepingStatus, string[]? Features);

/// <summary>POST .../rooms/bulk: up to 500 rooms, all created or none.</summary>
internal sealed record BulkCreateRoomsRequest(CreateRoomRequest[]? Rooms);

/// <summary>PATCH .../rooms/{id}: absent fields unchanged. A new <c>roomTypeId</c> retypes the room (participants may refuse).</summary>
internal sealed record UpdateRoomRequest(string? Number, int? Floor, string? Building, Guid? RoomTypeId, string[]? Features);

/// <summary>PUT .../rooms/{id}/status: front desk and housekeeping. <c>force</c> with a <c>reason</c> overrides conflicts participants allow to force.</summary>
internal sealed record RoomStatusRequest(string? Status, string? HousekeepingStatus, bool? Force, string? Reason);

/// <summary>A room.</summary>
internal sealed record RoomResponse(
    Guid Id, Guid PropertyId, Guid RoomTypeId, string Number, int? Floor, string? Building, string Status, string HousekeepingStatus,
    string[] Features, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Rooms created by one bulk call.</summary>
internal sealed record BulkRoomsCreated(int Count, IReadOnlyList<RoomResponse> Items);

/// <summary>Shape rules for rooms.</summary>
internal static class RoomRules
{
    public const int MaxBulk = 500;
    public static readonly string[] Statuses = ["AVAILABLE", "OCCUPIED", "OUT_OF_ORDER", "OUT_OF_SERVICE"];
    public static readonly string[] HousekeepingStatuses = ["CLEAN", "DIRTY", "INSPECTED", "IN_PROGRESS"];

    /// <summary>An inspector signs off a cleaned room: INSPECTED only from CLEAN (or INSPECTED again); every other change is allowed.</summary>
    public static bool HousekeepingAllows(string previous, string next) => next != "INSPECTED" || previous is "CLEAN" or "INSPECTED";
    private static readonly Regex NumberPattern = new("^[A-Z0-9][A-Z0-9-]{0,9}$", RegexOptions.CultureInvariant);
    private static readonly Regex FeaturePattern = new("^[A-Z0-9][A-Z0-9_]{0,39}$", RegexOptions.CultureInvariant);

    public static string? Number(FieldErrors errors, string field, string? value, bool required)
    {
        var number = errors.Text(field, value, 10, required)?.ToUpperInvariant();
        errors.Pattern(field, number, NumberPattern, "must be 1-10 letters, digits or '-', starting with a letter or digit");
        return number;
    }

    public static string[]? Features(FieldErrors errors, string field, string[]? features)
    {
        if (features is null)
        {
            return null;
        }

        if (features.Length > 20)
        {
            errors.Add(field, "at most 20 features");
            return null;
        }

        var normalized = features.Select(f => f?.Trim().ToUpperInvariant() ?? "").ToArray();
        for (var i = 0; i < normalized.Length; i++)
        {
            errors.Pattern($"{field}[{i}]", normalized[i], FeaturePattern, "must be 1-40 letters, digits or '_' (e.g. CORNER, NEAR_ELEVATOR)");
        }

        return [.. normalized.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Validates one create item; <paramref name="prefix"/> is "" or "rooms[3].".</summary>
    public static CreateRoomRequest Create(FieldErrors errors, string prefix, CreateRoomRequest request)
    {
        var number = Number(errors, prefix + "number", request.Number, true);
        errors.Range(prefix + "floor", request.Floor, -10, 300);
        var building = errors.Text(prefix + "building", request.Building, 50, false);
        if (request.RoomTypeId is null)
        {
            errors.Add(prefix + "roomTypeId", "is required");
        }

        var status = request.Status ?? "AVAILABLE";
        errors.OneOf(prefix + "status", status, Statuses);
        var housekeeping = request.HousekeepingStatus ?? "CLEAN";
        errors.OneOf(prefix + "housekeepingStatus", housekeeping, HousekeepingStatuses);
        var features = Features(errors, prefix + "features", request.Features) ?? [];
        return new CreateRoomRequest(number, request.Floor, building, request.RoomTypeId, status, housekeeping, features);
    }
}
