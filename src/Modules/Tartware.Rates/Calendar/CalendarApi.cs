using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.RateLimiting;

namespace Tartware.Rates.Calendar;

/// <summary>The price calendar and restrictions of a plan: bulk range fills (MANAGER+) and a read (VIEWER+).</summary>
internal static class CalendarApi
{
    public static void MapCalendarApi(this IEndpointRouteBuilder endpoints)
    {
        var calendar = endpoints.MapGroup("/v1/properties/{propertyId:guid}/rate-plans/{planId:guid}").WithTags("Rate calendar")
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        calendar.MapGet("/calendar", ReadAsync).RequirePermission("rates.read")
            .WithSummary("Prices (with their source) and restrictions of one room type, night by night (at most 366 nights)");
        calendar.MapPut("/prices", FillPricesAsync).RequirePermission("rates.approve")
            .WithSummary("Set one price on a range of nights for some or all room types, optionally on some weekdays only").ProducesProblem(422);
        calendar.MapPut("/restrictions", FillRestrictionsAsync).RequirePermission("rates.approve")
            .WithSummary("Set closed, closed to arrival/departure and min/max length of stay on a range of nights (nothing set clears them)")
            .ProducesProblem(422);
    }

    private static async Task<Ok<CalendarResponse>> ReadAsync(
        Guid propertyId, Guid planId, Guid? roomTypeId, DateOnly? from, DateOnly? to, CalendarService calendar, CancellationToken cancellationToken) =>
        TypedResults.Ok(await calendar.ReadAsync(propertyId, planId, roomTypeId, from, to, cancellationToken));

    private static async Task<Ok<FillResult>> FillPricesAsync(
        Guid propertyId, Guid planId, PriceFillRequest request, CalendarService calendar, CancellationToken cancellationToken) =>
        TypedResults.Ok(await calendar.FillPricesAsync(propertyId, planId, request, cancellationToken));

    private static async Task<Ok<FillResult>> FillRestrictionsAsync(
        Guid propertyId, Guid planId, RestrictionFillRequest request, CalendarService calendar, CancellationToken cancellationToken) =>
        TypedResults.Ok(await calendar.FillRestrictionsAsync(propertyId, planId, request, cancellationToken));
}
