namespace Tartware.ServiceDefaults.Errors;

/// <summary>
/// An expected failure that maps to one problem+json answer. Throw a subclass from a handler or a
/// domain service; the exception handler turns it into RFC 9457 output with a stable code.
/// The <see cref="Exception.Message"/> becomes the problem <c>detail</c>: it is shown to clients, so
/// it must never carry internals or personal data.
/// </summary>
public abstract class TartwareProblemException(int status, string code, string title, string detail, Exception? inner = null)
    : Exception(detail, inner)
{
    /// <summary>HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>Stable machine-readable code, see <see cref="ProblemTypes"/>.</summary>
    public string Code { get; } = code;

    /// <summary>Short human-readable summary of the problem kind.</summary>
    public string Title { get; } = title;

    /// <summary>Extra members added to the problem body (e.g. conflicting nights).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}

/// <summary>400/422 with per-field errors. Use 400 for shape errors, 422 for semantic rule failures.</summary>
public sealed class ValidationFailedException(IDictionary<string, string[]> errors, string detail = "One or more fields are invalid.")
    : TartwareProblemException(400, ProblemTypes.ValidationFailed, "Validation failed", detail)
{
    /// <summary>Field name (camelCase JSON path) to messages.</summary>
    public IDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>Convenience for a single field.</summary>
    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}

/// <summary>404. Also the answer for an id that belongs to another tenant (no existence leak).</summary>
public sealed class NotFoundException(string resource, string? id = null)
    : TartwareProblemException(404, ProblemTypes.NotFound, "Not found",
        id is null ? $"The {resource} was not found." : $"The {resource} '{id}' was not found.");

/// <summary>409: the request conflicts with the current state (duplicate code, stale version, no inventory).</summary>
public sealed class ConflictException(string detail, string code = ProblemTypes.Conflict)
    : TartwareProblemException(409, code, "Conflict", detail);

/// <summary>422: the request is well-formed but a business rule refuses it.</summary>
public sealed class BusinessRuleException(string detail, string code = ProblemTypes.BusinessRuleViolated)
    : TartwareProblemException(422, code, "Business rule violated", detail);

/// <summary>403: authenticated but not allowed.</summary>
public sealed class ForbiddenException(string detail = "You are not allowed to perform this action.")
    : TartwareProblemException(403, ProblemTypes.Forbidden, "Forbidden", detail);

/// <summary>503: a dependency the request needs is not available right now.</summary>
public sealed class ServiceUnavailableException(string detail)
    : TartwareProblemException(503, ProblemTypes.ServiceUnavailable, "Service unavailable", detail);
