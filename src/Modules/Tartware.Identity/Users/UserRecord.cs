namespace Tartware.Identity.Users;

/// <summary>The columns login needs.</summary>
internal sealed record UserRecord(
    Guid Id, string Username, string Email, string PasswordHash, string Status, int FailedAttempts, int LockoutCount,
    DateTimeOffset? LockedUntil, DateTimeOffset? LastFailedAt, bool MfaEnabled, byte[]? MfaSecret, long? MfaLastStep);
