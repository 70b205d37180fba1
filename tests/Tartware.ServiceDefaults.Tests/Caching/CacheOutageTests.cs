using System.Net;
using Shouldly;
using Tartware.ServiceDefaults.Tests.Caching.Support;
using Tartware.Testing;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Caching;

public sealed class CacheOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_redis_down_the_source_answers_nothing_is_cached_and_health_reports_it()
    {
        await using var host = CacheTestHost.Create(
            CacheTestHost.NewPrefix(), CacheTestHost.DeadRedis, o => o.RedisTimeout = TimeSpan.FromMilliseconds(200), [], ownsKeys: false);
        var source = new CountingSource();

        (await TwoLevelCacheTests.Get(host, "k", source)).ShouldBe("value-1");
        (await TwoLevelCacheTests.Get(host, "k", source)).ShouldBe("value-2");
        await host.Cache.InvalidateTagAsync("user:1", Ct);

        host.L1Count.ShouldBe(0);
        host.Health.RedisAvailable.ShouldBeFalse();
        (await host.Health.ProbeAsync(Ct)).ShouldBeFalse();
        host.Health.PendingInvalidations.ShouldBe(1);
    }

    [Fact]
    public async Task After_an_outage_missed_invalidations_are_replayed_and_caching_resumes()
    {
        await using var proxy = new TcpProxy(IPEndPoint.Parse(TestSettings.RedisConfiguration.Split(',')[0]));
        await using var other = CacheTestHost.Create();
        await using var host = CacheTestHost.Join(other, proxy.Configuration(CacheTestHost.LiveRedis));
        var source = new CountingSource();
        (await TwoLevelCacheTests.Get(other, "k", source, "user:1")).ShouldBe("value-1");
        (await TwoLevelCacheTests.Get(host, "k", source, "user:1")).ShouldBe("value-1");

        proxy.Down();
        // This process commits a change during the outage; its invalidation cannot reach Redis yet.
        await host.Cache.InvalidateTagAsync("user:1", Ct);
        (await TwoLevelCacheTests.Get(host, "k", source, "user:1")).ShouldBe("value-2");
        host.Health.RedisAvailable.ShouldBeFalse();
        host.L1Count.ShouldBe(0);

        proxy.Up();
        await Eventually.HoldsAsync(() => host.Health.ProbeAsync(Ct), TimeSpan.FromSeconds(15), "the cache sees Redis again");

        host.Health.PendingInvalidations.ShouldBe(0);
        (await TwoLevelCacheTests.Get(other, "k", source, "user:1")).ShouldBe("value-3");
        (await TwoLevelCacheTests.Get(host, "k", source, "user:1")).ShouldBe("value-3");
        source.Calls.ShouldBe(3);
        host.L1Count.ShouldBe(1);
    }
}
