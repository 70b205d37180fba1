using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Tartware.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps liveness/readiness probes and Prometheus scrapes out of traces: they arrive every few seconds,
/// carry no business meaning and would otherwise drown real requests in the trace backend.
/// </summary>
public static class ProbeTraceSuppressionExtensions
{
    private static readonly PathString[] _probePaths = [new("/health"), new("/metrics")];

    /// <summary>
    /// Marks the request span of <c>/health</c>, <c>/health/*</c> and <c>/metrics</c> as not recorded, which
    /// also drops every child span (database, HTTP) the probe starts. Metrics for probes are still counted.
    /// Put it before middleware that starts spans of its own.
    /// </summary>
    public static IApplicationBuilder UseProbeTraceSuppression(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(static (context, next) =>
        {
            if (IsProbe(context.Request.Path))
            {
                SuppressRequestSpan(context);
            }

            return next(context);
        });
    }

    internal static bool IsProbe(PathString path) =>
        Array.Exists(_probePaths, probe => path.StartsWithSegments(probe, StringComparison.OrdinalIgnoreCase));

    /// <summary>The hosting span is the one ASP.NET Core exposes as a feature; Activity.Current may be a child.</summary>
    internal static void SuppressRequestSpan(HttpContext context) =>
        ProbeTraceSuppression.Suppress(context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current);
}

/// <summary>Marks a probe's request span (and so, parent-based, all its children) as not recorded.</summary>
internal static class ProbeTraceSuppression
{
    public static void Suppress(Activity? activity)
    {
        if (activity is null)
        {
            return;
        }

        // The SDK's listener skips OnEnd when IsAllDataRequested is false, and export processors skip
        // activities without the Recorded flag; clearing both makes the span invisible to every exporter.
        activity.IsAllDataRequested = false;
        activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
    }
}
