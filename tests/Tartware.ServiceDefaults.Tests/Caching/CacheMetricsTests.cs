using Shouldly;
using Tartware.ServiceDefaults.Tests.Caching.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Caching;

public sealed class CacheMetricsTests
{
    private const string Requests = "tartware.cache.requests";

    [Fact]
    public async Task Requests_are_counted_by_cache_layer_and_result()
    {
        await using var first = CacheTestHost.Create();
        await using var second = CacheTestHost.Join(first);
        await using var dead = CacheTestHost.Create(
            CacheTestHost.NewPrefix(), CacheTestHost.DeadRedis, o => o.RedisTimeout = TimeSpan.FromMilliseconds(200), [], ownsKeys: false);
        using var firstMetrics = new MetricCapture(first.MeterFactory);
        using var secondMetrics = new MetricCapture(second.MeterFactory);
        using var deadMetrics = new MetricCapture(dead.MeterFactory);
        var source = new CountingSource();

        await TwoLevelCacheTests.Get(first, "k", source);
        await TwoLevelCacheTests.Get(first, "k", source);
        await TwoLevelCacheTests.Get(second, "k", source);
        await TwoLevelCacheTests.Get(dead, "k", source);

        Count(firstMetrics, "l1", "miss").ShouldBe(1);
        Count(firstMetrics, "l2", "miss").ShouldBe(1);
        Count(firstMetrics, "source", "hit").ShouldBe(1);
        Count(firstMetrics, "l1", "hit").ShouldBe(1);
        Count(secondMetrics, "l1", "miss").ShouldBe(1);
        Count(secondMetrics, "l2", "hit").ShouldBe(1);
        Count(secondMetrics, "source", "hit").ShouldBe(0);
        Count(deadMetrics, "l2", "error").ShouldBe(1);
        Count(deadMetrics, "source", "hit").ShouldBe(1);
        firstMetrics.Sum(Requests).ShouldBe(4);
    }

    private static double Count(MetricCapture metrics, string layer, string result) =>
        metrics.Sum(Requests, ("cache", "tests"), ("layer", layer), ("result", result));
}
