using Tartware.Identity.Security;
using Tartware.ServiceDefaults.Errors;

namespace Tartware.Identity.Auth;

/// <summary>Issues the access + refresh token pair of a tenant session.</summary>
internal sealed class TokenSessions(AccessTokenIssuer issuer, RefreshTokenStore refreshTokens, ISigningKeyRingSource keys, TimeProvider time)
{
    private void EnsureKeys()
    {
        if (keys.GetRing().Current(time.GetUtcNow()) is null)
        {
            throw new ServiceUnavailableException("Sign-in is temporarily unavailable; try again shortly.");
        }
    }

    public async Task<TokenResponse> StartAsync(
        Guid userId, Guid tenantId, string role, Guid? familyId, IReadOnlyList<TenantChoice> tenants, CancellationToken cancellationToken)
    {
        EnsureKeys();
        var access = issuer.Issue(userId, tenantId, role);
        var refresh = await refreshTokens.IssueAsync(tenantId, userId, familyId, cancellationToken);
        return new TokenResponse(access.Token, refresh, access.ExpiresInSeconds, "Bearer", tenantId, tenants);
    }

    public TokenResponse Continue(Guid userId, Guid tenantId, string role, string refreshToken, IReadOnlyList<TenantChoice> tenants)
    {
        EnsureKeys();
        var access = issuer.Issue(userId, tenantId, role);
        return new TokenResponse(access.Token, refreshToken, access.ExpiresInSeconds, "Bearer", tenantId, tenants);
    }
}
