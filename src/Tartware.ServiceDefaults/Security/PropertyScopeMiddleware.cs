using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.ServiceDefaults.Security;

/// <summary>
/// A membership limited to some properties (claim <c>property_ids</c>) reaches only those properties:
/// any route that names a property — <c>{propertyId}</c>, or <c>{id}</c> under <c>/v1/properties/</c> —
/// answers 404 for another one, exactly as for another tenant's property (no existence leak). Runs
/// after authorization, once, for every module. Lists and ids inside request bodies are each module's
/// to filter; this covers the addressable routes.
/// </summary>
internal sealed class PropertyScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var scope = context.User.FindAll(TartwareClaims.PropertyScope).Select(c => c.Value).ToList();
        if (scope.Count > 0 && RoutedProperty(context) is { } propertyId && !scope.Contains(propertyId, StringComparer.OrdinalIgnoreCase))
        {
            throw new NotFoundException("property", propertyId);
        }

        return next(context);
    }

    private static string? RoutedProperty(HttpContext context)
    {
        var values = context.Request.RouteValues;
        if (values.TryGetValue("propertyId", out var value) && value is not null)
        {
            return value.ToString();
        }

        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        return pattern is not null && pattern.StartsWith("/v1/properties/{id", StringComparison.Ordinal) && values.TryGetValue("id", out var id)
            ? id?.ToString()
            : null;
    }
}

/// <summary>Pipeline registration.</summary>
public static class PropertyScopeExtensions
{
    /// <summary>Enforces property-scoped memberships on property routes (after <c>UseAuthorization</c>).</summary>
    public static IApplicationBuilder UseTartwarePropertyScope(this IApplicationBuilder app) => app.UseMiddleware<PropertyScopeMiddleware>();
}
