using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tartware.ServiceDefaults.Tests.Telemetry;

internal static class EndpointLookup
{
    public static RouteEndpoint GetEndpoint(this IServiceProvider services, string pattern) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == pattern);
}
