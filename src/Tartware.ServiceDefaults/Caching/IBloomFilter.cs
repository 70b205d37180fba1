namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// A named Bloom filter on a Redis bitmap, shared by every process: "definitely absent" or "maybe present"
/// without asking the database. Items are compared exactly as given, so the caller normalizes them (e.g.
/// lower-cased usernames). Resolve it as a keyed service: <c>[FromKeyedServices("usernames")] IBloomFilter</c>.
/// </summary>
public interface IBloomFilter
{
    /// <summary>The filter's name (metric tag and Redis key segment).</summary>
    string Name { get; }

    /// <summary>
    /// One round trip. <see cref="BloomLookup.Unknown"/> when no filter has been built yet or Redis is
    /// unavailable: the caller then skips this layer and asks the source of truth.
    /// </summary>
    Task<BloomLookup> MightContainAsync(string item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an item (call it after the row is committed). Also records it for any build in progress, so the
    /// build's swap keeps it. Returns false when Redis was unavailable; the item is then kept in this process
    /// and re-added when Redis answers again (and this process answers Unknown for it meanwhile).
    /// </summary>
    Task<bool> AddAsync(string item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Builds a new version from <paramref name="items"/> (sized for the larger of
    /// <paramref name="expectedCount"/> and the items actually read) and atomically makes it current; readers
    /// see the old version until the swap, never a partial one. Throws if Redis is unavailable or another
    /// newer build has already been swapped in.
    /// </summary>
    Task<BloomBuildResult> BuildAsync(IAsyncEnumerable<string> items, long expectedCount, CancellationToken cancellationToken = default);

    /// <summary>The current version's metadata, or null when no filter exists or Redis is unavailable.</summary>
    Task<BloomFilterStats?> GetStatsAsync(CancellationToken cancellationToken = default);
}

/// <summary>Answer of <see cref="IBloomFilter.MightContainAsync"/>.</summary>
public enum BloomLookup
{
    /// <summary>No usable filter (none built, or Redis unavailable): skip the layer. Never read as "absent".</summary>
    Unknown = 0,

    /// <summary>Certainly never added.</summary>
    Absent = 1,

    /// <summary>Possibly added (false positives at about the configured rate).</summary>
    MaybePresent = 2,
}

/// <summary>Metadata of the current filter version.</summary>
/// <param name="Version">Monotonic build number.</param>
/// <param name="Bits">Bitmap size m.</param>
/// <param name="HashCount">Bit positions per item k.</param>
/// <param name="ItemCount">Items built plus items added since (an add whose bits were all set already is not counted).</param>
/// <param name="BuiltAt">When the version was swapped in.</param>
/// <param name="Age">Time since <paramref name="BuiltAt"/>.</param>
/// <param name="BuildDuration">How long the build took, enumeration included.</param>
/// <param name="EstimatedFalsePositiveRate">(1 - e^(-k n / m))^k with the actual item count n.</param>
public sealed record BloomFilterStats(
    long Version, long Bits, int HashCount, long ItemCount, DateTimeOffset BuiltAt, TimeSpan Age,
    TimeSpan BuildDuration, double EstimatedFalsePositiveRate);

/// <summary>Outcome of <see cref="IBloomFilter.BuildAsync"/>.</summary>
/// <param name="Version">The version now current.</param>
/// <param name="Bits">Bitmap size m.</param>
/// <param name="HashCount">Bit positions per item k.</param>
/// <param name="ItemCount">Items read from the source plus adds made during the build.</param>
/// <param name="AddsDuringBuild">Adds recorded while building and replayed into the new version at the swap.</param>
/// <param name="Duration">Wall time of the build.</param>
public sealed record BloomBuildResult(long Version, long Bits, int HashCount, long ItemCount, long AddsDuringBuild, TimeSpan Duration);

/// <summary>Settings of one named filter.</summary>
public sealed class BloomFilterOptions
{
    /// <summary>Target false-positive rate p used to size a build.</summary>
    public double FalsePositiveRate { get; set; } = 0.01;

    /// <summary>
    /// Longest a build may take. Adds are recorded for a build only while its lease lasts, so a build that
    /// overruns it is refused at the swap rather than swapping in a filter that may miss items.
    /// </summary>
    public TimeSpan BuildLease { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Bound on each Redis call of a build (writing the bitmap, the swap).</summary>
    public TimeSpan BuildRedisTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Age beyond which the readiness check reports the filter as stale (nightly rebuild plus slack).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromHours(26);

    /// <summary>How often the metric gauges refresh their snapshot from Redis.</summary>
    public TimeSpan StatsRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
