using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace Tartware.Identity.Security;

/// <summary>Why a token was refused; for logs and metrics only — clients always get a plain 401.</summary>
internal enum AccessTokenFailure
{
    Malformed,
    AlgorithmNotAllowed,
    UnknownKey,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    Expired,
    NotYetValid,
}

/// <summary>The verified facts of an access token.</summary>
internal sealed record ValidatedAccessToken(Guid UserId, Guid TenantId, string Role, string TokenId, string Kid, DateTimeOffset ExpiresAt);

/// <summary>Either a principal with its verified token, or the reason it was refused.</summary>
internal sealed record AccessTokenValidationResult
{
    private AccessTokenValidationResult(ClaimsPrincipal? principal, ValidatedAccessToken? token, AccessTokenFailure? failure)
    {
        Principal = principal;
        Token = token;
        Failure = failure;
    }

    public ClaimsPrincipal? Principal { get; }

    public ValidatedAccessToken? Token { get; }

    public AccessTokenFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Principal), nameof(Token))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Failure is null;

    public static AccessTokenValidationResult Success(ClaimsPrincipal principal, ValidatedAccessToken token) =>
        new(principal, token, null);

    public static AccessTokenValidationResult Fail(AccessTokenFailure failure) => new(null, null, failure);
}
