namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Read-through cache in front of a source of truth (PostgreSQL in practice): an in-process L1, Redis as L2
/// shared by every process, then the factory. Entries depend on tags; invalidating a tag makes every entry
/// that depends on it a miss in every process on its next call, without scanning keys.
/// </summary>
/// <remarks>
/// Each call costs one Redis round trip, even on an L1 hit: the L1 copy is served only when the tag
/// versions it was stamped with are still current in Redis, so an invalidation made by another process is
/// visible on the very next request. While Redis is unavailable every call goes to the factory and nothing
/// is cached, so an invalidation missed during the outage cannot be served stale afterwards.
/// Invalidate after the database transaction commits, never before.
/// </remarks>
public interface ITwoLevelCache
{
    /// <summary>Returns the cached value, or runs <paramref name="factory"/> once per process for concurrent misses and caches its result.</summary>
    /// <param name="cacheName">Low-cardinality name of the cache (a metric and log dimension, e.g. <c>identity.memberships</c>).</param>
    /// <param name="key">Key within the cache; may contain personal data, so it is never logged.</param>
    /// <param name="tags">Tags the value depends on (e.g. <c>user:{id}</c>, <c>tenant:{id}</c>).</param>
    /// <param name="factory">Loads the value from the source of truth; exceptions propagate and nothing is cached.</param>
    /// <param name="ttl">Lifetime in Redis (capped by <see cref="CachingOptions.MaxTtl"/>); L1 keeps it at most <see cref="CachingOptions.L1MaxTtl"/>.</param>
    /// <param name="cancellationToken">Stops this caller waiting; a factory shared with other callers keeps running for them.</param>
    ValueTask<T?> GetOrCreateAsync<T>(
        string cacheName,
        string key,
        IReadOnlyList<string> tags,
        Func<CancellationToken, Task<T?>> factory,
        TimeSpan ttl,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes every entry tagged <paramref name="tag"/> a miss everywhere. Never throws for Redis outages: the
    /// invalidation is then kept in this process and replayed before it reads Redis again.
    /// </summary>
    Task InvalidateTagAsync(string tag, CancellationToken cancellationToken = default);

    /// <summary>Makes one entry a miss everywhere (same guarantees as <see cref="InvalidateTagAsync"/>).</summary>
    Task InvalidateKeyAsync(string cacheName, string key, CancellationToken cancellationToken = default);
}
