using Tartware.ServiceDefaults.Errors;

namespace Tartware.Properties.Common;

/// <summary>Keyset pagination: <c>limit</c> (1–200, default 50) and an opaque-enough <c>after</c> cursor.</summary>
internal static class Paging
{
    public const int DefaultLimit = 50;

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= 200 => limit.Value,
        _ => throw ValidationFailedException.For("limit", "must be between 1 and 200"),
    };

    /// <summary>Takes one row more than the page to know whether a next page exists.</summary>
    public static Page<T> Of<T>(List<T> rows, int limit, Func<T, string> cursor)
    {
        var items = rows.Take(limit).ToList();
        return new Page<T>(items, rows.Count > limit ? cursor(items[^1]) : null);
    }
}

/// <summary>A page of items; <c>next</c> goes into <c>after</c> for the following page (null on the last).</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
