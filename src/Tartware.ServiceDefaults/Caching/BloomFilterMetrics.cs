using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Observable gauges for every filter this process has resolved, tagged <c>filter</c>. Collection must
/// not block on Redis, so gauges report the last snapshot and start a refresh when it is older than
/// <see cref="BloomFilterOptions.StatsRefreshInterval"/>; the age is computed at collection time.
/// </summary>
internal sealed class BloomFilterMetrics
{
    private readonly ConcurrentDictionary<string, (RedisBloomFilter Filter, BloomFilterOptions Options)> _filters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _refreshing = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public BloomFilterMetrics(CachingMetrics metrics, TimeProvider time)
    {
        _time = time;
        var meter = metrics.Meter;
        meter.CreateObservableGauge("tartware.bloom.items", () => Observe(s => s.ItemCount), "{item}", "Items in the current Bloom filter.");
        meter.CreateObservableGauge("tartware.bloom.age_seconds", () => Observe(s => (_time.GetUtcNow() - s.BuiltAt).TotalSeconds), "s", "Time since the current Bloom filter was built.");
        meter.CreateObservableGauge("tartware.bloom.estimated_fpr", () => Observe(s => s.EstimatedFalsePositiveRate), description: "Estimated false-positive rate (1 - e^(-kn/m))^k with the actual item count.");
        meter.CreateObservableGauge("tartware.bloom.build_seconds", () => Observe(s => s.BuildDuration.TotalSeconds), "s", "Duration of the build that produced the current Bloom filter.");
    }

    public void Track(RedisBloomFilter filter, BloomFilterOptions options) => _filters.TryAdd(filter.Name, (filter, options));

    private IEnumerable<Measurement<T>> Observe<T>(Func<BloomFilterStats, T> value)
        where T : struct
    {
        foreach (var (name, (filter, options)) in _filters)
        {
            if (_time.GetUtcNow() - filter.LastStatsAt > options.StatsRefreshInterval && _refreshing.TryAdd(name, 0))
            {
                _ = RefreshAsync(name, filter);
            }

            if (filter.LastStats is { } stats)
            {
                yield return new Measurement<T>(value(stats), new KeyValuePair<string, object?>("filter", name));
            }
        }
    }

    private async Task RefreshAsync(string name, RedisBloomFilter filter)
    {
        try
        {
            // GetStatsAsync degrades to null on Redis failures; it does not throw for them.
            await filter.GetStatsAsync();
        }
        finally
        {
            _refreshing.TryRemove(name, out _);
        }
    }
}
