using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tartware.Identity.Security;
using Tartware.Identity.Users;
using Tartware.ServiceDefaults.Endpoints;
using Tartware.ServiceDefaults.Errors;
using Tartware.ServiceDefaults.RateLimiting;
using Tartware.ServiceDefaults.Security;

namespace Tartware.Identity.Auth;

/// <summary>/v1/auth: login, refresh rotation, logout, tenant switch, caller context; and the JWKS.</summary>
internal static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var anonymous = endpoints.MapGroup("/v1/auth").WithTags("Auth").RequireTartwareRateLimit(RateLimitingOptions.AuthPolicy);
        var auth = endpoints.MapGroup("/v1/auth").WithTags("Auth").RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy);
        anonymous.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Log in with username and password (and TOTP code when MFA is on)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(429);
        anonymous.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("Exchange a refresh token for a new token pair (rotation; reuse revokes the family)")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(429);
        anonymous.MapPost("/logout", LogoutAsync).AllowAnonymous()
            .WithSummary("Revoke the session of a refresh token")
            .ProducesProblem(400);
        auth.MapPost("/switch-tenant", SwitchTenantAsync).RequirePermission("session.read")
            .WithSummary("Start a session in another tenant the caller belongs to")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        auth.MapGet("/context", ContextAsync).RequirePermission("session.read")
            .WithSummary("The caller: user, tenant, role and permissions")
            .ProducesProblem(401);

        var mfa = endpoints.MapGroup("/v1/auth/mfa").WithTags("Auth").RequirePermission("session.read")
            .RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy).ProducesProblem(401).ProducesProblem(429);
        mfa.MapPost("/enroll", EnrollMfaAsync)
            .WithSummary("Start TOTP enrollment: returns the secret and otpauth URI for an authenticator app (RFC 6238)")
            .ProducesProblem(409);
        mfa.MapPost("/verify", VerifyMfaAsync).WithSummary("Confirm enrollment with a first code; MFA is on from then")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);
        mfa.MapPost("/disable", DisableMfaAsync).WithSummary("Turn MFA off with a current code")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);

        endpoints.MapGet("/.well-known/jwks.json", Jwks).AllowAnonymous().RequireTartwareRateLimit(RateLimitingOptions.ApiPolicy)
            .WithTags("Auth").WithSummary("Public keys that verify Tartware access tokens (RFC 7517)");
    }

    private static async Task<Ok<TokenResponse>> LoginAsync(LoginRequest request, LoginService login, CancellationToken cancellationToken) =>
        TypedResults.Ok(await login.LoginAsync(request, cancellationToken));

    private static async Task<Ok<TokenResponse>> RefreshAsync(
        RefreshRequest request, RefreshTokenStore store, MembershipReader memberships, TokenSessions sessions, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            throw ValidationFailedException.For("refreshToken", "is required");
        }

        var (outcome, token, tenantId, userId) = await store.RotateAsync(request.RefreshToken, cancellationToken);
        if (outcome != RefreshOutcome.Rotated)
        {
            throw new UnauthenticatedException(
                outcome == RefreshOutcome.Reused
                    ? "This refresh token was already used; the session has been revoked. Log in again."
                    : "The refresh token is invalid or expired.",
                outcome == RefreshOutcome.Reused ? "refresh-token-reused" : "invalid-refresh-token");
        }

        var membership = await memberships.FindAsync(tenantId, userId, cancellationToken);
        if (membership is null || !membership.IsUsable(time.GetUtcNow()))
        {
            await store.RevokeAsync(token!, "membership not usable", cancellationToken);
            throw new UnauthenticatedException("The membership of this session is no longer active.", "invalid-refresh-token");
        }

        return TypedResults.Ok(sessions.Continue(userId, tenantId, membership.Role, token!, [new(tenantId, membership.TenantName, membership.Role)]));
    }

    private static async Task<NoContent> LogoutAsync(RefreshRequest request, RefreshTokenStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            throw ValidationFailedException.For("refreshToken", "is required");
        }

        await store.RevokeAsync(request.RefreshToken, "logout", cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TokenResponse>> SwitchTenantAsync(
        SwitchTenantRequest request, RequestContext caller, MembershipReader memberships, TokenSessions sessions, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (request.TenantId is not { } tenantId || tenantId == Guid.Empty)
        {
            throw ValidationFailedException.For("tenantId", "is required");
        }

        var all = await memberships.ForUserAsync(caller.UserId, cancellationToken);
        var target = all.FirstOrDefault(m => m.TenantId == tenantId && m.IsUsable(time.GetUtcNow()))
            ?? throw new ForbiddenException("You have no active membership in that tenant.");
        var choices = all.Where(m => m.IsUsable(time.GetUtcNow())).Select(m => new TenantChoice(m.TenantId, m.TenantName, m.Role)).ToList();
        return TypedResults.Ok(await sessions.StartAsync(caller.UserId, tenantId, target.Role, null, choices, cancellationToken));
    }

    private static async Task<Ok<AuthContextResponse>> ContextAsync(
        RequestContext caller, UserCredentialStore users, MembershipReader memberships, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(caller.UserId, cancellationToken) ?? throw new UnauthenticatedException();
        var membership = await memberships.FindAsync(caller.TenantId, caller.UserId, cancellationToken) ?? throw new UnauthenticatedException();
        var permissions = TenantRoles.Verbs(membership.Role).Select(v => "*." + v).ToList();
        return TypedResults.Ok(new AuthContextResponse(
            user.Id, user.Username, user.Email, membership.TenantId, membership.TenantName, membership.Role,
            permissions, membership.PropertyIds, user.MfaEnabled));
    }

    private static async Task<Ok<MfaEnrollment>> EnrollMfaAsync(RequestContext caller, MfaService mfa, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mfa.EnrollAsync(caller.UserId, cancellationToken));

    private static async Task<Ok<MfaStatus>> VerifyMfaAsync(MfaCodeRequest request, RequestContext caller, MfaService mfa, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mfa.VerifyAsync(caller.UserId, request.Code, cancellationToken));

    private static async Task<Ok<MfaStatus>> DisableMfaAsync(MfaCodeRequest request, RequestContext caller, MfaService mfa, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mfa.DisableAsync(caller.UserId, request.Code, cancellationToken));

    private static ContentHttpResult Jwks(ISigningKeyRingSource keys, TimeProvider time, HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Text(JwksDocument.Render(keys.GetRing(), time.GetUtcNow()), "application/jwk-set+json");
    }
}
