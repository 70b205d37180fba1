namespace Tartware.Identity.Users;

/// <summary>A user's membership in one tenant, as the auth layer needs it.</summary>
internal sealed record MembershipRecord(
    Guid TenantId, string TenantName, string TenantStatus, Guid UserId, string Role, Guid[]? PropertyIds,
    bool Active, DateTimeOffset? ActiveFrom, DateTimeOffset? ActiveUntil)
{
    /// <summary>Usable now: active, inside its window, and the tenant not suspended or archived.</summary>
    public bool IsUsable(DateTimeOffset now) =>
        Active
        && (ActiveFrom is null || ActiveFrom <= now)
        && (ActiveUntil is null || ActiveUntil > now)
        && TenantStatus is "ACTIVE" or "TRIAL";
}
