using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Tartware.ServiceDefaults.Telemetry;

/// <summary>
/// ASP.NET Core starts the server span but, without the OpenTelemetry instrumentation package (not on our
/// feed), leaves it untagged and named "Microsoft.AspNetCore.Hosting.HttpRequestIn". This adds the HTTP
/// semantic-convention attributes and the "{method} {route}" name backends group by. The query string is
/// deliberately left out: it can carry tokens and personal data.
/// </summary>
internal static class ServerSpanEnrichment
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null || !activity.IsAllDataRequested)
        {
            await next(context);
            return;
        }

        var request = context.Request;
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.PathBase.Add(request.Path).Value);
        activity.SetTag("server.address", request.Host.Host);
        activity.SetTag("server.port", request.Host.Port);
        activity.SetTag("network.protocol.version", ProtocolVersion(request.Protocol));
        try
        {
            await next(context);
        }
        catch (Exception exception)
        {
            activity.SetTag("error.type", exception.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            Complete(activity, context);
        }
    }

    private static void Complete(Activity activity, HttpContext context)
    {
        // A probe may have been marked not recorded further down the pipeline: nothing to add then.
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        var method = context.Request.Method;
        // Same source ASP.NET Core uses for the http.route metric label, so spans and metrics group alike.
        var route = context.GetEndpoint()?.Metadata.GetMetadata<IRouteDiagnosticsMetadata>()?.Route;
        activity.DisplayName = route is null ? method : $"{method} {route}";
        if (route is not null)
        {
            activity.SetTag("http.route", route);
        }

        var status = context.Response.StatusCode;
        activity.SetTag("http.response.status_code", status);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            // Server spans are errors only for 5xx; a 4xx is the client's mistake (HTTP semantic conventions).
            activity.SetTag("error.type", status.ToString(CultureInfo.InvariantCulture));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    private static string ProtocolVersion(string protocol) =>
        protocol.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase) ? protocol["HTTP/".Length..] : protocol;
}
