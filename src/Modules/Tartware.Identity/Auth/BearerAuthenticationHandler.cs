using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tartware.Identity.Security;
using Tartware.Identity.Users;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Identity.Auth;

/// <summary>
/// Verifies the ES256 access token, then checks the membership is still usable and takes the role
/// from it (not from the token), so a removed or demoted member loses access on the next request.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokenValidator validator, IMembershipLookup memberships, TimeProvider time, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var result = await validator.ValidateAsync(header["Bearer ".Length..].Trim());
        if (!result.IsValid || result.Token is not { } token)
        {
            return AuthenticateResult.Fail($"token rejected: {result.Failure}");
        }

        var membership = await memberships.FindAsync(token.TenantId, token.UserId, Context.RequestAborted);
        if (membership is null || !membership.IsUsable(time.GetUtcNow()))
        {
            return AuthenticateResult.Fail("membership not usable");
        }

        var claims = new List<Claim>
        {
            new(TartwareClaims.Subject, token.UserId.ToString()),
            new(TartwareClaims.TenantId, token.TenantId.ToString()),
            new(TartwareClaims.Role, membership.Role),
            new(TartwareClaims.TokenId, token.TokenId),
        };
        if (membership.PropertyIds is { Length: > 0 } properties)
        {
            claims.AddRange(properties.Select(p => new Claim(TartwareClaims.PropertyScope, p.ToString())));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, TartwareClaims.Subject, TartwareClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750 §3: tell the client why, in the header and as problem+json.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count == 0
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = 401,
                Title = "Unauthorized",
                Type = ProblemTypes.UriFor(ProblemTypes.Unauthorized),
                Detail = "A valid access token is required (Authorization: Bearer <token>).",
                Extensions = { ["code"] = ProblemTypes.Unauthorized },
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = 403,
                Title = "Forbidden",
                Type = ProblemTypes.UriFor(ProblemTypes.Forbidden),
                Detail = "Your role does not allow this action.",
                Extensions = { ["code"] = ProblemTypes.Forbidden },
            },
        });
    }
}

/// <summary>Membership lookup for each request: cache layers in front of PostgreSQL.</summary>
internal interface IMembershipLookup
{
    Task<MembershipRecord?> FindAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken);

    Task InvalidateUserAsync(Guid userId, CancellationToken cancellationToken);
}
