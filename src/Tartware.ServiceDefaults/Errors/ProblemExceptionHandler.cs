using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Tartware.ServiceDefaults.Errors;

/// <summary>
/// The one place exceptions become HTTP answers. Expected failures carry their own status and code;
/// framework binding failures (malformed JSON, wrong content type, oversized body) are translated;
/// anything else is a 500 whose body says nothing about internals (the log has the details).
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == 429 && problem.Extensions.TryGetValue("retryAfterSeconds", out var retryAfter) && retryAfter is int seconds)
        {
            // RFC 9110 §10.2.3: a 429 says when to come back.
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = problem.Status >= 500 ? null : exception,
        });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        ValidationFailedException v => WithCode(
            new HttpValidationProblemDetails(v.Errors) { Status = v.Status, Title = v.Title, Detail = v.Message }, v.Code, v.Extensions),
        TartwareProblemException p => WithCode(
            new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Message }, p.Code, p.Extensions),
        BadHttpRequestException b => FromBadRequest(b),
        OperationCanceledException => WithCode(
            new ProblemDetails { Status = 499, Title = "Client closed request", Detail = "The request was cancelled." }, "request-cancelled", null),
        _ => WithCode(
            new ProblemDetails
            {
                Status = 500,
                Title = "Internal server error",
                Detail = "An unexpected error occurred. Quote the correlationId when reporting it.",
            },
            ProblemTypes.InternalError,
            null),
    };

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        var status = exception.StatusCode;
        var detail = status switch
        {
            413 => "The request body is larger than this endpoint accepts.",
            415 => "The request body must be sent as application/json.",
            _ when exception.InnerException is JsonException json => DescribeJsonError(json),
            _ when exception.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal)
                || exception.Message.StartsWith("Required parameter", StringComparison.Ordinal) => exception.Message,
            _ => "The request could not be read.",
        };
        var title = status switch
        {
            413 => "Payload too large",
            415 => "Unsupported media type",
            _ => "Malformed request",
        };
        return WithCode(new ProblemDetails { Status = status, Title = title, Detail = detail }, ProblemTypes.CodeForStatus(status), null);
    }

    private static string DescribeJsonError(JsonException json)
    {
        // Path and position help the client fix its payload; the raw value is not echoed.
        var where = string.IsNullOrEmpty(json.Path) ? "" : $" at '{json.Path}'";
        var line = json.LineNumber is { } l ? $" (line {l + 1}, position {json.BytePositionInLine + 1})" : "";
        return $"The request body is not valid JSON for this endpoint{where}{line}.";
    }

    private static ProblemDetails WithCode(ProblemDetails problem, string code, IDictionary<string, object?>? extensions)
    {
        problem.Type = ProblemTypes.UriFor(code);
        problem.Extensions["code"] = code;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return problem;
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Unhandled exception while processing {Method} request")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method);
}
