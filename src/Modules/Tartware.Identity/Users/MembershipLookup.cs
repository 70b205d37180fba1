using Tartware.Identity.Auth;
using Tartware.ServiceDefaults.Caching;

namespace Tartware.Identity.Users;

/// <summary>
/// Per-request membership check through the two-level cache (memory, Redis) in front of PostgreSQL.
/// Every user/membership/tenant change invalidates the user's tag, so the next request sees it.
/// With Redis down the cache falls through to PostgreSQL and caches nothing (no stale entries later).
/// </summary>
internal sealed class MembershipLookup(ITwoLevelCache cache, MembershipReader reader) : IMembershipLookup
{
    private const string CacheName = "identity.membership";
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    public async Task<MembershipRecord?> FindAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken)
    {
        var entry = await cache.GetOrCreateAsync<CachedMembership>(
            CacheName, $"{tenantId:N}:{userId:N}", [UserTag(userId), TenantTag(tenantId)],
            async ct => new CachedMembership(await reader.FindAsync(tenantId, userId, ct)),
            Ttl, cancellationToken);
        return entry?.Membership;
    }

    public Task InvalidateUserAsync(Guid userId, CancellationToken cancellationToken) =>
        cache.InvalidateTagAsync(UserTag(userId), cancellationToken);

    public Task InvalidateTenantAsync(Guid tenantId, CancellationToken cancellationToken) =>
        cache.InvalidateTagAsync(TenantTag(tenantId), cancellationToken);

    private static string UserTag(Guid userId) => $"identity:user:{userId:N}";

    private static string TenantTag(Guid tenantId) => $"identity:tenant:{tenantId:N}";

    // Wrapped so "no membership" is cached too (a removed member is answered from cache as well).
    internal sealed record CachedMembership(MembershipRecord? Membership);
}
