using System.Text.RegularExpressions;
using Tartware.Rates.Engine;

namespace Tartware.Rates.Plans;

/// <summary>Shape rules of plan requests (400 with every invalid field).</summary>
internal static partial class RatePlanValidation
{
    public static string NormalizeCode(string? code) => code?.Trim().ToUpperInvariant() ?? "";

    public static void AddCreateErrors(Dictionary<string, string[]> errors, CreateRatePlanRequest request, string code)
    {
        if (!CodePattern().IsMatch(code))
        {
            errors["code"] = ["must be 2-20 characters A-Z, 0-9, '_' or '-' (stored upper-case)"];
        }
        else if (code is "BAR" or "RACK")
        {
            errors["code"] = ["BAR and RACK are reserved for the plans every property has"];
        }

        if (request.Type is null || !RatePlanVocabulary.Types.Contains(request.Type, StringComparer.Ordinal))
        {
            errors["type"] = [$"must be one of {string.Join(", ", RatePlanVocabulary.Types)}"];
        }
        else if (RatePlanVocabulary.SystemTypes.Contains(request.Type, StringComparer.Ordinal))
        {
            errors["type"] = ["BAR and RACK are created with the property; choose another type"];
        }

        if (request.BasePlanId is null && (request.OffsetKind is not null || request.OffsetValue is not null))
        {
            errors["basePlanId"] = ["is required with offsetKind and offsetValue"];
        }

        AddCommonErrors(errors, request.Name, request.Description, request.BasePlanId is not null, request.OffsetKind, request.OffsetValue,
            request.Cancellation, request.ValidFrom, request.ValidUntil, request.Status, request.Channels);
    }

    public static void AddUpdateErrors(Dictionary<string, string[]> errors, UpdateRatePlanRequest request, bool derived)
    {
        if (!derived && (request.OffsetKind is not null || request.OffsetValue is not null))
        {
            errors["offsetKind"] = ["only a derived plan has an offset"];
        }

        AddCommonErrors(errors, request.Name, request.Description, derived, request.OffsetKind, request.OffsetValue,
            request.Cancellation, request.ValidFrom, request.ValidUntil, request.Status, request.Channels);
    }

    public static void AddListErrors(Dictionary<string, string[]> errors, string? status, string? type, int limit)
    {
        if (status is not null && !RatePlanVocabulary.Statuses.Contains(status, StringComparer.Ordinal))
        {
            errors["status"] = [$"must be one of {string.Join(", ", RatePlanVocabulary.Statuses)}"];
        }

        if (type is not null && !RatePlanVocabulary.Types.Contains(type, StringComparer.Ordinal))
        {
            errors["type"] = [$"must be one of {string.Join(", ", RatePlanVocabulary.Types)}"];
        }

        if (limit is < 1 or > 200)
        {
            errors["limit"] = ["must be between 1 and 200"];
        }
    }

    public static CancellationPolicy Cancellation(CancellationPolicyRequest? request) =>
        new(request?.WindowHours ?? 24, request?.Penalty ?? "FIRST_NIGHT", request?.PenaltyPercent);

    private static void AddCommonErrors(
        Dictionary<string, string[]> errors, string? name, string? description, bool derived, string? offsetKind, decimal? offsetValue,
        CancellationPolicyRequest? cancellation, DateOnly? validFrom, DateOnly? validUntil, string? status, IReadOnlyList<string>? channels)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            errors["name"] = ["is required, at most 200 characters"];
        }

        if (description is { Length: > 2000 })
        {
            errors["description"] = ["must be at most 2000 characters"];
        }

        if (derived)
        {
            AddOffsetErrors(errors, offsetKind, offsetValue);
        }

        AddCancellationErrors(errors, cancellation);
        if (validFrom is { } from && validUntil is { } until && until < from)
        {
            errors["validUntil"] = ["must not be before validFrom"];
        }

        if (status is not null && !RatePlanVocabulary.Statuses.Contains(status, StringComparer.Ordinal))
        {
            errors["status"] = [$"must be one of {string.Join(", ", RatePlanVocabulary.Statuses)}"];
        }

        if (channels is not null && (channels.Count > BookingSource.All.Count || channels.Any(c => !BookingSource.All.Contains(c, StringComparer.Ordinal))
            || channels.Distinct(StringComparer.Ordinal).Count() != channels.Count))
        {
            errors["channels"] = [$"must be distinct values of {string.Join(", ", BookingSource.All)} (empty means every channel)"];
        }
    }

    private static void AddOffsetErrors(Dictionary<string, string[]> errors, string? offsetKind, decimal? offsetValue)
    {
        if (offsetKind is null || !RatePlanVocabulary.OffsetKinds.Contains(offsetKind, StringComparer.Ordinal))
        {
            errors["offsetKind"] = ["must be ABSOLUTE or PERCENT for a derived plan"];
        }

        var limit = offsetKind == DerivedPricing.Percent ? 1000m : 1_000_000m;
        if (offsetValue is null || offsetValue < (offsetKind == DerivedPricing.Percent ? -100m : -limit) || offsetValue > limit
            || decimal.Round(offsetValue.Value, 4) != offsetValue.Value)
        {
            errors["offsetValue"] = ["is required for a derived plan: a percent from -100 to 1000 or an amount within ±1,000,000 (4 decimals at most)"];
        }
    }

    private static void AddCancellationErrors(Dictionary<string, string[]> errors, CancellationPolicyRequest? cancellation)
    {
        if (cancellation is null)
        {
            return;
        }

        if (cancellation.WindowHours is < 0 or > 8760)
        {
            errors["cancellation.windowHours"] = ["must be between 0 and 8760"];
        }

        var penalty = cancellation.Penalty ?? "FIRST_NIGHT";
        if (!RatePlanVocabulary.Penalties.Contains(penalty, StringComparer.Ordinal))
        {
            errors["cancellation.penalty"] = [$"must be one of {string.Join(", ", RatePlanVocabulary.Penalties)}"];
        }
        else if ((penalty == "PERCENT") != (cancellation.PenaltyPercent is not null))
        {
            errors["cancellation.penaltyPercent"] = ["is required with penalty PERCENT and only then"];
        }
        else if (cancellation.PenaltyPercent is < 0m or > 100m)
        {
            errors["cancellation.penaltyPercent"] = ["must be between 0 and 100"];
        }
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{1,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
