using Tartware.Properties.Common;

namespace Tartware.Properties.RoomTypes;

/// <summary>POST /v1/properties/{id}/room-types. Amenities are catalog codes (free-form spellings are normalized).</summary>
internal sealed record CreateRoomTypeRequest(
    string? Code, string? Name, string? Description, int? BaseOccupancy, int? MaxAdults, int? MaxChildren, string? BedType,
    decimal? SizeSqm, decimal? BaseRate, string[]? Amenities, int? SortOrder, string? Status);

/// <summary>PATCH .../room-types/{id}: absent fields unchanged; <c>amenities</c>, when sent, replaces the set.</summary>
internal sealed record UpdateRoomTypeRequest(
    string? Name, string? Description, int? BaseOccupancy, int? MaxAdults, int? MaxChildren, string? BedType,
    decimal? SizeSqm, decimal? BaseRate, string[]? Amenities, int? SortOrder, string? Status);

/// <summary>A room type; <c>baseRate</c> is in the property's currency.</summary>
internal sealed record RoomTypeResponse(
    Guid Id, Guid PropertyId, string Code, string Name, string? Description, int BaseOccupancy, int MaxAdults, int MaxChildren,
    string BedType, decimal? SizeSqm, decimal BaseRate, string[] Amenities, int SortOrder, string Status, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Shape rules for room types (semantic ones live in the service).</summary>
internal static class RoomTypeRules
{
    public static readonly string[] BedTypes = ["SINGLE", "TWIN", "DOUBLE", "QUEEN", "KING", "SOFA_BED", "BUNK"];
    public static readonly string[] Statuses = ["ACTIVE", "INACTIVE"];
    public static readonly System.Text.RegularExpressions.Regex Code = new("^[A-Z0-9][A-Z0-9_-]{0,19}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private const decimal MaxRate = 999_999_999_999_999.9999m;

    public static void Occupancy(FieldErrors errors, int? baseOccupancy, int? maxAdults, int? maxChildren)
    {
        errors.Range("baseOccupancy", baseOccupancy, 1, 20);
        errors.Range("maxAdults", maxAdults, 1, 20);
        errors.Range("maxChildren", maxChildren, 0, 20);
    }

    public static void Money(FieldErrors errors, string field, decimal? value)
    {
        if (value is { } v && (v <= 0 || v > MaxRate || v.Scale > 4))
        {
            errors.Add(field, "must be a positive amount with at most 4 decimals");
        }
    }

    public static void Size(FieldErrors errors, decimal? value)
    {
        if (value is { } v && (v <= 0 || v > 10_000 || v.Scale > 2))
        {
            errors.Add("sizeSqm", "must be between 0 and 10000 square metres with at most 2 decimals");
        }
    }

    public static void Amenities(FieldErrors errors, string[]? amenities)
    {
        if (amenities is null)
        {
            return;
        }

        if (amenities.Length > 100)
        {
            errors.Add("amenities", "at most 100 amenities");
        }

        for (var i = 0; i < Math.Min(amenities.Length, 100); i++)
        {
            if (string.IsNullOrWhiteSpace(amenities[i]) || amenities[i].Length > 80)
            {
                errors.Add($"amenities[{i}]", "must be 1 to 80 characters");
            }
        }
    }
}
