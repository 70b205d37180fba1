namespace Tartware.Identity.Security;

/// <summary>Claim and header names of Tartware access tokens.</summary>
internal static class AccessTokenClaims
{
    public const string Subject = "sub";
    public const string TenantId = "tenant_id";
    public const string Role = "role";
    public const string TokenId = "jti";

    /// <summary>
    /// Explicit token type (RFC 9068 §2.1, RFC 8725 §3.11): validation demands it, so no other kind of
    /// JWT signed with the same keys could ever be accepted as an access token.
    /// </summary>
    public const string TokenType = "at+jwt";

    /// <summary>The only algorithm issued and accepted (RFC 8725 §3.1: validators must allow-list algorithms).</summary>
    public const string Algorithm = "ES256";
}
