using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tartware.Identity.Security;

/// <summary>
/// Validates access JWTs per RFC 8725 (JWT BCP): ES256 only, explicit <c>typ</c>, the key chosen by
/// <c>kid</c> from our own published ring only (never from the token, never "try all keys"), issuer,
/// audience, lifetime with bounded skew, and the claims Tartware relies on (ASVS 3.5.3). The tenant of
/// a request comes from <see cref="ValidatedAccessToken.TenantId"/> and nowhere else. Register as a singleton.
/// </summary>
internal sealed class AccessTokenValidator(ISigningKeyRingSource keys, TokenOptions options, TimeProvider timeProvider)
{
    // Larger than any token we issue by far; refuses to parse megabytes of attacker input.
    private const int MaxTokenLength = 8 * 1024;

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<AccessTokenValidationResult> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !_handler.CanReadToken(token))
        {
            return AccessTokenValidationResult.Fail(AccessTokenFailure.Malformed);
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return AccessTokenValidationResult.Fail(AccessTokenFailure.Malformed);
        }

        if (jwt.IsEncrypted)
        {
            return AccessTokenValidationResult.Fail(AccessTokenFailure.Malformed);
        }

        // Checked before any key is touched: "none" and HS256-with-our-public-key (key confusion,
        // RFC 8725 §2.1, §3.1) are refused whatever the token claims to be.
        if (!string.Equals(jwt.Alg, AccessTokenClaims.Algorithm, StringComparison.Ordinal))
        {
            return AccessTokenValidationResult.Fail(AccessTokenFailure.AlgorithmNotAllowed);
        }

        var now = timeProvider.GetUtcNow();
        var key = keys.GetRing().FindForValidation(jwt.Kid, now);
        if (key is null)
        {
            return AccessTokenValidationResult.Fail(AccessTokenFailure.UnknownKey);
        }

        var result = await _handler.ValidateTokenAsync(jwt, Parameters(key.Material.SecurityKey)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return AccessTokenValidationResult.Fail(Classify(result.Exception));
        }

        if (!TryReadTime(jwt, JwtRegisteredClaimNames.Exp, out var expiresAt))
        {
            return AccessTokenValidationResult.Fail(AccessTokenFailure.Malformed);
        }

        // RFC 7519 §4.1.4/§4.1.5 with the configured skew, on the injected TimeProvider: IdentityModel's own
        // lifetime check reads the system clock (its TimeProvider hook is internal), so it is switched off.
        if (now - options.ClockSkew > expiresAt)
        {
            return AccessTokenValidationResult.Fail(AccessTokenFailure.Expired);
        }

        if (TryReadTime(jwt, JwtRegisteredClaimNames.Nbf, out var notBefore) && notBefore > now + options.ClockSkew)
        {
            return AccessTokenValidationResult.Fail(AccessTokenFailure.NotYetValid);
        }

        return Verified(result.ClaimsIdentity, key.Kid, expiresAt);
    }

    private static bool TryReadTime(JsonWebToken jwt, string claim, out DateTimeOffset value)
    {
        value = default;
        if (!jwt.TryGetPayloadValue<long>(claim, out var seconds) ||
            seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() ||
            seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidTypes = [AccessTokenClaims.TokenType],
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
        RequireSignedTokens = true,
        ValidateIssuer = true,
        ValidIssuer = options.Issuer,
        ValidateAudience = true,
        ValidAudience = options.Audience,
        // Lifetime (and the presence of exp) is checked after this, on the injected clock.
        ValidateLifetime = false,
        NameClaimType = AccessTokenClaims.Subject,
        RoleClaimType = AccessTokenClaims.Role,
        AuthenticationType = "Bearer",
    };

    private static AccessTokenValidationResult Verified(ClaimsIdentity identity, string kid, DateTimeOffset expiresAt)
    {
        // A correctly signed token that lacks what Tartware needs is still refused (fail closed).
        var role = identity.FindFirst(AccessTokenClaims.Role)?.Value;
        var tokenId = identity.FindFirst(AccessTokenClaims.TokenId)?.Value;
        if (!Guid.TryParse(identity.FindFirst(AccessTokenClaims.Subject)?.Value, out var userId) ||
            !Guid.TryParse(identity.FindFirst(AccessTokenClaims.TenantId)?.Value, out var tenantId) ||
            string.IsNullOrWhiteSpace(role) ||
            string.IsNullOrWhiteSpace(tokenId))
        {
            return AccessTokenValidationResult.Fail(AccessTokenFailure.Malformed);
        }

        var token = new ValidatedAccessToken(userId, tenantId, role, tokenId, kid, expiresAt);
        return AccessTokenValidationResult.Success(new ClaimsPrincipal(identity), token);
    }

    private static AccessTokenFailure Classify(Exception? exception) => exception switch
    {
        // Order matters: the key-not-found exception derives from the invalid-signature one.
        SecurityTokenSignatureKeyNotFoundException => AccessTokenFailure.UnknownKey,
        SecurityTokenInvalidAlgorithmException => AccessTokenFailure.AlgorithmNotAllowed,
        SecurityTokenInvalidSignatureException => AccessTokenFailure.BadSignature,
        SecurityTokenInvalidIssuerException => AccessTokenFailure.WrongIssuer,
        SecurityTokenInvalidAudienceException => AccessTokenFailure.WrongAudience,
        _ => AccessTokenFailure.Malformed,
    };
}
