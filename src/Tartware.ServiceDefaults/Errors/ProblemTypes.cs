namespace Tartware.ServiceDefaults.Errors;

/// <summary>
/// Stable problem <c>type</c> URIs and <c>code</c>s (RFC 9457). Clients switch on <c>code</c>; the
/// catalogue with meanings lives in docs/problems.md. Never rename a code: add a new one.
/// </summary>
public static class ProblemTypes
{
    /// <summary>Base of every problem type URI.</summary>
    public const string BaseUri = "https://tartware.dev/problems/";

    public const string ValidationFailed = "validation-failed";
    public const string MalformedRequest = "malformed-request";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string PayloadTooLarge = "payload-too-large";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string Conflict = "conflict";
    public const string BusinessRuleViolated = "business-rule-violated";
    public const string RateLimited = "rate-limited";
    public const string ServiceUnavailable = "service-unavailable";
    public const string InternalError = "internal-error";

    /// <summary>The type URI for a code.</summary>
    public static string UriFor(string code) => BaseUri + code;

    /// <summary>The generic code for an HTTP status without a more specific one.</summary>
    public static string CodeForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => BusinessRuleViolated,
        429 => RateLimited,
        503 => ServiceUnavailable,
        _ => status >= 500 ? InternalError : "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
