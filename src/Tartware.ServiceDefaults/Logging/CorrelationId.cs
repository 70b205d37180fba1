using Microsoft.AspNetCore.Http;

namespace Tartware.ServiceDefaults.Logging;

/// <summary>
/// The per-request correlation id: read from (or generated for) the <c>X-Correlation-Id</c> header by
/// <see cref="RequestLoggingExtensions.UseTartwareRequestLogging"/>, echoed in the response, put on every
/// log line of the request and on the current activity.
/// </summary>
public static class CorrelationId
{
    /// <summary>The request and response header that carries the correlation id.</summary>
    public const string HeaderName = "X-Correlation-Id";

    /// <summary>Name of the log scope property and of the <see cref="HttpContext.Items"/> key.</summary>
    public const string ScopeKey = "correlationId";

    /// <summary>Activity tag and baggage key, so the id travels with traces to downstream calls.</summary>
    public const string ActivityKey = "correlation.id";

    private const int MaxLength = 128;

    /// <summary>The correlation id of this request, or <c>null</c> when the request logging middleware did not run.</summary>
    public static string? Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ScopeKey, out var value) ? value as string : null;
    }

    internal static void Set(HttpContext context, string correlationId) => context.Items[ScopeKey] = correlationId;

    /// <summary>
    /// Only 1–128 characters of <c>[A-Za-z0-9._:-]</c> are accepted: the value is echoed in a response header
    /// and written to logs, so anything else (CR/LF, quotes, control characters) could forge headers or log lines.
    /// </summary>
    internal static bool IsValid(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in candidate)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    internal static string NewId() => Guid.NewGuid().ToString("N");
}
