using System.Text.Json;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>Tuning of the two-level cache and of the Redis circuit shared with the Bloom filters.</summary>
public sealed class CachingOptions
{
    /// <summary>Longest time an entry stays in the in-process L1 (it is still revalidated on every call).</summary>
    public TimeSpan L1MaxTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum number of L1 entries per process.</summary>
    public long L1SizeLimit { get; set; } = 10_000;

    /// <summary>Longest Redis lifetime of an entry, whatever the caller asks.</summary>
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Lifetime of a tag's version key. Expiry or eviction of a tag key only costs misses (it is re-seeded
    /// with a fresh random version), never a stale hit.
    /// </summary>
    public TimeSpan TagVersionTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Bound on one Redis call from a request path; a slower answer counts as a failure.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long Redis is skipped after a failure before the next call probes it again.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Invalidations kept for replay while Redis is unreachable; beyond this they collapse into one
    /// invalidation of every entry (safe, just a burst of misses).
    /// </summary>
    public int MaxPendingInvalidations { get; set; } = 10_000;

    /// <summary>Serializer for L2 values.</summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);
}
