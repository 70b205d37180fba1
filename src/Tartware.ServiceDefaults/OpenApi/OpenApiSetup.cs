using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tartware.ServiceDefaults.OpenApi;

/// <summary>OpenAPI document at <c>/openapi/v1.json</c> and Swagger UI at <c>/docs</c>.</summary>
public static class OpenApiSetup
{
    /// <summary>Registers the v1 document (OpenAPI 3.0 for partners' tooling).</summary>
    public static IServiceCollection AddTartwareOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Tartware PMS API";
                document.Info.Version = "v1";
                document.Info.Description =
                    "Multi-tenant hotel property management. Errors are RFC 9457 problem+json with a stable `code`.";
                // The committed document must not depend on the host that served it.
                document.Servers?.Clear();
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Maps the document and the UI; both anonymous.</summary>
    public static IEndpointRouteBuilder MapTartwareOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Swagger UI at <c>/docs</c>, reading the built-in document.</summary>
    public static IApplicationBuilder UseTartwareSwaggerUi(this IApplicationBuilder app) =>
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.SwaggerEndpoint("/openapi/v1.json", "Tartware v1");
            options.DocumentTitle = "Tartware API";
        });
}
