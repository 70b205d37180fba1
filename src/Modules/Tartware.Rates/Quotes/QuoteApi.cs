using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tartware.Contracts.Rates;
using Tartware.ServiceDefaults.Data;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.RateLimiting;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Rates.Quotes;

/// <summary>
/// GET /v1/properties/{id}/rates/quote: prices a stay with the fallback rules. A preview: nothing is
/// written, so the fallback decision it returns has no id; the reservation pipeline records decisions
/// through <see cref="IRateQuoting"/> in its own transaction.
/// </summary>
internal static class QuoteApi
{
    public static void MapQuoteApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/properties/{propertyId:guid}/rates/quote", QuoteAsync).WithTags("Rate quotes").RequirePermission("rates.read")
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy)
            .WithSummary("Quote a stay: nightly breakdown, total, applied plan, restrictions checked and the BAR/RACK fallback decision if one was made")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422).ProducesProblem(429);
    }

    private static async Task<Ok<RateQuote>> QuoteAsync(
        Guid propertyId, Guid? roomTypeId, DateOnly? arrival, DateOnly? departure, int? adults, int? children, string? rateCode,
        string? source, string? partnerId, QuoteEngine engine, IUnitOfWorkFactory units, RequestContext caller, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (roomTypeId is null)
        {
            missing["roomTypeId"] = ["is required"];
        }

        if (arrival is null)
        {
            missing["arrival"] = ["is required (yyyy-MM-dd)"];
        }

        if (departure is null)
        {
            missing["departure"] = ["is required (yyyy-MM-dd)"];
        }

        if (missing.Count > 0)
        {
            throw new ValidationFailedException(missing);
        }

        await using var unit = await units.BeginAsync(caller.TenantId, cancellationToken);
        var request = new RateQuoteRequest(propertyId, roomTypeId!.Value, arrival!.Value, departure!.Value, adults ?? 1, children ?? 0,
            rateCode, source, partnerId, caller.UserId.ToString());
        return TypedResults.Ok(await engine.QuoteAsync(unit.Transaction, request, record: false, cancellationToken));
    }
}
