namespace Tartware.Rates.Plans;

/// <summary>A new rate plan. A derived plan names its base plan and an ABSOLUTE or PERCENT offset.</summary>
internal sealed record CreateRatePlanRequest(
    string? Code,
    string? Name,
    string? Description,
    string? Type,
    Guid? BasePlanId,
    string? OffsetKind,
    decimal? OffsetValue,
    CancellationPolicyRequest? Cancellation,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    string? Status,
    IReadOnlyList<string>? Channels);

/// <summary>
/// Replaces a plan's editable fields (PUT semantics: what is absent is cleared or defaulted). Code,
/// type and base plan are fixed at creation; BAR and RACK keep their offset-free, always-active shape.
/// </summary>
internal sealed record UpdateRatePlanRequest(
    string? Name,
    string? Description,
    string? OffsetKind,
    decimal? OffsetValue,
    CancellationPolicyRequest? Cancellation,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    string? Status,
    IReadOnlyList<string>? Channels);

/// <summary>Cancellation terms: free until <c>windowHours</c> before arrival, then the penalty.</summary>
internal sealed record CancellationPolicyRequest(int? WindowHours, string? Penalty, decimal? PenaltyPercent);

/// <summary>Cancellation terms of a plan.</summary>
internal sealed record CancellationPolicy(int WindowHours, string Penalty, decimal? PenaltyPercent);

/// <summary>A plan's default nightly rate for a room type (used when the calendar has no price).</summary>
internal sealed record RoomRate(Guid RoomTypeId, decimal Amount);

/// <summary>A rate plan.</summary>
internal sealed record RatePlanResponse(
    Guid Id,
    Guid PropertyId,
    string Code,
    string Name,
    string? Description,
    string Type,
    bool IsSystem,
    Guid? BasePlanId,
    string? OffsetKind,
    decimal? OffsetValue,
    CancellationPolicy Cancellation,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    string Status,
    IReadOnlyList<string> Channels,
    IReadOnlyList<RoomRate> RoomRates,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A page of plans ordered by code; pass <c>next</c> as <c>after</c> for the following page.</summary>
internal sealed record RatePlanPage(IReadOnlyList<RatePlanResponse> Items, string? Next);

/// <summary>Vocabularies of the plan fields.</summary>
internal static class RatePlanVocabulary
{
    public static IReadOnlyList<string> Types { get; } =
        ["BAR", "RACK", "CORPORATE", "PROMO", "PACKAGE", "NON_REFUNDABLE", "GROUP", "GOVERNMENT", "MEMBER", "LONG_STAY", "OTHER"];

    public static IReadOnlyList<string> SystemTypes { get; } = ["BAR", "RACK"];

    public static IReadOnlyList<string> Statuses { get; } = ["ACTIVE", "INACTIVE"];

    public static IReadOnlyList<string> Penalties { get; } = ["NONE", "FIRST_NIGHT", "PERCENT", "FULL_STAY"];

    public static IReadOnlyList<string> OffsetKinds { get; } = [Engine.DerivedPricing.Absolute, Engine.DerivedPricing.Percent];
}
