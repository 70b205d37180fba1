using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>Correlation and one log line per request.</summary>
public static class RequestLoggingExtensions
{
    /// <summary>
    /// Accepts a well-formed <c>X-Correlation-Id</c> or generates one, echoes it in the response, puts it on the log
    /// scope (<c>correlationId</c>) and the current activity (<c>correlation.id</c> tag and baggage), and after the
    /// request logs one line: method, route template, status, duration, correlation id. Never the path or query
    /// string. Probes (<c>/health/*</c>, <c>/metrics</c>) are logged at Debug. Register it first, before the exception
    /// handler, so error responses carry the id too.
    /// </summary>
    public static IApplicationBuilder UseTartwareRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var middleware = new RequestLoggingMiddleware(
            services.GetRequiredService<ILoggerFactory>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System);
        return app.Use(next => context => middleware.InvokeAsync(context, next));
    }
}
