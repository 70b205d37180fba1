using System.Collections;
using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Tartware.ServiceDefaults.Logging;

internal sealed partial class RequestLoggingMiddleware(ILoggerFactory loggerFactory, TimeProvider timeProvider)
{
    public const string Category = "Tartware.Http.Requests";
    public const string Unmatched = "unmatched";

    private static readonly PathString[] ProbePaths = [new("/health"), new("/metrics")];

    private readonly ILogger _logger = loggerFactory.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var correlationId = Resolve(context.Request.Headers[CorrelationId.HeaderName]);
        CorrelationId.Set(context, correlationId);

        // Set when the headers go out, not now: the exception handler clears headers before writing its problem.
        context.Response.OnStarting(static state =>
        {
            var (ctx, id) = ((HttpContext, string))state;
            ctx.Response.Headers[CorrelationId.HeaderName] = id;
            return Task.CompletedTask;
        }, (context, correlationId));

        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current;
        activity?.SetTag(CorrelationId.ActivityKey, correlationId);
        activity?.SetBaggage(CorrelationId.ActivityKey, correlationId);

        using var scope = _logger.BeginScope(new CorrelationScope(correlationId));
        var started = timeProvider.GetTimestamp();
        var escaped = false;
        try
        {
            await next(context);
        }
        catch
        {
            escaped = true;
            throw;
        }
        finally
        {
            LogCompleted(context, correlationId, timeProvider.GetElapsedTime(started), escaped);
        }
    }

    // Only one well-formed value is trusted; anything else gets a fresh id so garbage is never echoed or logged.
    private static string Resolve(StringValues header) =>
        header.Count == 1 && CorrelationId.IsValid(header[0]) ? header[0]! : CorrelationId.NewId();

    private void LogCompleted(HttpContext context, string correlationId, TimeSpan elapsed, bool escaped)
    {
        var status = escaped && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        var level = IsProbe(context.Request.Path) ? LogLevel.Debug
            : status >= StatusCodes.Status500InternalServerError ? LogLevel.Error
            : LogLevel.Information;
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? Unmatched;
        RequestCompleted(_logger, level, context.Request.Method, route, status, Math.Round(elapsed.TotalMilliseconds, 3), correlationId);
    }

    private static bool IsProbe(PathString path)
    {
        foreach (var probe in ProbePaths)
        {
            if (path.StartsWithSegments(probe, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 1, EventName = "RequestCompleted", Message = "HTTP {Method} {Route} responded {StatusCode} in {DurationMs} ms ({CorrelationId})")]
    private static partial void RequestCompleted(ILogger logger, LogLevel level, string method, string route, int statusCode, double durationMs, string correlationId);

    /// <summary>The log scope every line of the request carries: <c>correlationId</c>.</summary>
    private sealed class CorrelationScope(string correlationId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new(CorrelationId.ScopeKey, correlationId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{CorrelationId.ScopeKey}:{correlationId}";
    }
}
