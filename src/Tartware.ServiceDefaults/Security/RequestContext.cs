using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.ServiceDefaults.Security;

/// <summary>
/// Who is calling, read once per request from the verified token (never from a path, query or body).
/// Tenant endpoints use <see cref="TenantId"/> for their unit of work.
/// </summary>
public sealed class RequestContext(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>True when a token was verified.</summary>
    public bool IsAuthenticated => User.Identity?.IsAuthenticated == true;

    /// <summary>The caller's user id.</summary>
    public Guid UserId => ReadGuid(TartwareClaims.Subject);

    /// <summary>The caller's tenant; fails closed (401) when absent.</summary>
    public Guid TenantId => ReadGuid(TartwareClaims.TenantId);

    /// <summary>The caller's current membership role.</summary>
    public string Role => User.FindFirst(TartwareClaims.Role)?.Value ?? throw new UnauthenticatedException();

    /// <summary>
    /// Whether the caller's membership reaches <paramref name="propertyId"/>: always, unless it is limited to
    /// some properties (claim <c>property_ids</c>). For property ids inside request bodies; routes are
    /// covered by <see cref="PropertyScopeMiddleware"/>.
    /// </summary>
    public bool CanReachProperty(Guid propertyId)
    {
        var scope = User.FindAll(TartwareClaims.PropertyScope).Select(c => c.Value).ToList();
        return scope.Count == 0 || scope.Contains(propertyId.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The caller's token id.</summary>
    public string? TokenId => User.FindFirst(TartwareClaims.TokenId)?.Value;

    private Guid ReadGuid(string claim) =>
        Guid.TryParse(User.FindFirst(claim)?.Value, out var value) && value != Guid.Empty
            ? value
            : throw new UnauthenticatedException();
}

/// <summary>401: the request needs a valid access token.</summary>
public sealed class UnauthenticatedException(string detail = "A valid access token is required.", string code = ProblemTypes.Unauthorized)
    : TartwareProblemException(401, code, "Unauthorized", detail);
