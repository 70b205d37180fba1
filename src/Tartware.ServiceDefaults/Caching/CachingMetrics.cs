using System.Diagnostics.Metrics;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>
/// Instruments on meter <c>Tartware.Caching</c>. Tags are low-cardinality names only (cache, layer,
/// result, filter), never keys, which may contain usernames.
/// </summary>
internal sealed class CachingMetrics
{
    public const string MeterName = "Tartware.Caching";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _bloomLookups;

    public CachingMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>(
            "tartware.cache.requests", "{request}", "Cache lookups by layer (l1, l2, source) and result (hit, miss, error).");
        _bloomLookups = Meter.CreateCounter<long>(
            "tartware.bloom.lookups", "{lookup}", "Bloom filter answers (absent, maybe, unknown).");
    }

    /// <summary>The shared meter, also used by the Bloom filter gauges.</summary>
    public Meter Meter { get; }

    public void Request(string cacheName, string layer, string result) =>
        _requests.Add(
            1,
            new KeyValuePair<string, object?>("cache", cacheName),
            new KeyValuePair<string, object?>("layer", layer),
            new KeyValuePair<string, object?>("result", result));

    public void BloomLookup(string filter, BloomLookup answer) =>
        _bloomLookups.Add(
            1,
            new KeyValuePair<string, object?>("filter", filter),
            new KeyValuePair<string, object?>("result", answer switch
            {
                Caching.BloomLookup.Absent => "absent",
                Caching.BloomLookup.MaybePresent => "maybe",
                _ => "unknown",
            }));
}

/// <summary>Metric tag values for <c>tartware.cache.requests</c>.</summary>
internal static class CacheLayer
{
    public const string L1 = "l1";
    public const string L2 = "l2";
    public const string Source = "source";
    public const string Hit = "hit";
    public const string Miss = "miss";
    public const string Error = "error";
}
