using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tartware.ServiceDefaults.Logging;

namespace Tartware.ServiceDefaults.Errors;

/// <summary>Registers RFC 9457 problem+json for exceptions, binding failures and bare status codes.</summary>
public static class ProblemDetailsSetup
{
    /// <summary>Adds the problem details service, the exception handler and the enrichment of every problem.</summary>
    public static IServiceCollection AddTartwareProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            if (!problem.Extensions.TryGetValue("code", out var code) || code is not string)
            {
                code = ProblemTypes.CodeForStatus(status);
                problem.Extensions["code"] = code;
            }

            if (string.IsNullOrEmpty(problem.Type) || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = ProblemTypes.UriFor((string)code!);
            }

            problem.Detail ??= status == 404 ? "No resource matches this path." : null;
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            problem.Extensions["correlationId"] = CorrelationId.Get(context.HttpContext);
            problem.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // Binding failures throw so the handler above can explain them instead of an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.AllowTrailingCommas = false);
        return services;
    }

    /// <summary>Exception handler plus problem bodies for bare 4xx/5xx (unknown route, wrong method).</summary>
    public static IApplicationBuilder UseTartwareProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
