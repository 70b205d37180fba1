using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tartware.Identity.Security;

/// <summary>A signed access token and when it stops being valid.</summary>
internal sealed record IssuedAccessToken(string Token, string TokenId, DateTimeOffset ExpiresAt, int ExpiresInSeconds);

/// <summary>
/// Issues ES256 access JWTs (RFC 7519, RFC 9068 profile) with <c>sub</c>, <c>tenant_id</c>, <c>role</c>,
/// <c>jti</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>, <c>iss</c>, <c>aud</c> and the signing key's <c>kid</c>
/// in the header. Register as a singleton.
/// </summary>
internal sealed class AccessTokenIssuer(ISigningKeyRingSource keys, TokenOptions options, TimeProvider timeProvider)
{
    // Times come from TimeProvider, never from the handler's own clock.
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedAccessToken Issue(Guid userId, Guid tenantId, string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        // JWT NumericDate has whole seconds (RFC 7519 §2); truncating here keeps ExpiresAt equal to exp.
        var now = DateTimeOffset.FromUnixTimeSeconds(timeProvider.GetUtcNow().ToUnixTimeSeconds());
        var key = keys.GetRing().Current(now)
            ?? throw new InvalidOperationException("No active signing key; the key rotation job must create one.");
        var expiresAt = now + options.AccessTokenLifetime;
        var tokenId = Guid.NewGuid().ToString("D");

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            TokenType = AccessTokenClaims.TokenType,
            SigningCredentials = new SigningCredentials(key.Material.SecurityKey, SecurityAlgorithms.EcdsaSha256),
            Claims = new Dictionary<string, object>
            {
                [AccessTokenClaims.Subject] = userId.ToString("D"),
                [AccessTokenClaims.TenantId] = tenantId.ToString("D"),
                [AccessTokenClaims.Role] = role,
                [AccessTokenClaims.TokenId] = tokenId,
            },
        };

        return new IssuedAccessToken(
            _handler.CreateToken(descriptor),
            tokenId,
            expiresAt,
            (int)options.AccessTokenLifetime.TotalSeconds);
    }
}
