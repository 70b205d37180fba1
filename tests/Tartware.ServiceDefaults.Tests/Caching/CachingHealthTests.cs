using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shouldly;
using Tartware.ServiceDefaults.Caching;
using Tartware.ServiceDefaults.Tests.Caching.Support;
using Tartware.Testing;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Caching;

public sealed class CachingHealthTests
{
    private const string Name = "usernames";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readiness_is_healthy_with_redis_and_a_fresh_filter_and_degraded_before_the_first_build()
    {
        await using var host = CacheTestHost.Create(null, Name);

        var before = await CheckAsync(host);
        before.Entries["cache"].Status.ShouldBe(HealthStatus.Healthy);
        before.Entries["bloom:usernames"].Status.ShouldBe(HealthStatus.Degraded);
        before.Entries["bloom:usernames"].Description.ShouldBe("No filter built yet: lookups skip this layer");

        await host.Bloom(Name).BuildAsync(BloomFilterTests.Users("user", 10).ToAsyncEnumerable(), 10, Ct);

        var after = await CheckAsync(host);
        after.Status.ShouldBe(HealthStatus.Healthy);
        after.Entries["bloom:usernames"].Data["items"].ShouldBe(10L);
    }

    [Fact]
    public async Task Readiness_reports_a_stale_filter_as_degraded()
    {
        await using var host = CacheTestHost.Create(
            CacheTestHost.NewPrefix(), CacheTestHost.LiveRedis, null, [Name], ownsKeys: true, bloom: o => o.StaleAfter = TimeSpan.Zero);
        await host.Bloom(Name).BuildAsync(BloomFilterTests.Users("user", 10).ToAsyncEnumerable(), 10, Ct);

        await Eventually.HoldsAsync(
            async () => (await CheckAsync(host)).Entries["bloom:usernames"].Status == HealthStatus.Degraded,
            TimeSpan.FromSeconds(5), "the filter counts as stale");
        (await CheckAsync(host)).Entries["bloom:usernames"].Description!.ShouldStartWith("Filter is stale");
    }

    [Fact]
    public async Task Readiness_is_degraded_not_unhealthy_while_redis_is_down()
    {
        await using var host = CacheTestHost.Create(
            CacheTestHost.NewPrefix(), CacheTestHost.DeadRedis, o => o.RedisTimeout = TimeSpan.FromMilliseconds(200), [Name], ownsKeys: false);

        var report = await CheckAsync(host);

        report.Status.ShouldBe(HealthStatus.Degraded);
        report.Entries["cache"].Status.ShouldBe(HealthStatus.Degraded);
        report.Entries["bloom:usernames"].Description.ShouldBe("Redis unavailable: lookups skip this layer");
    }

    [Fact]
    public async Task An_idle_process_notices_an_outage_and_the_recovery_through_the_readiness_probe()
    {
        await using var proxy = new TcpProxy(IPEndPoint.Parse(TestSettings.RedisConfiguration.Split(',')[0]));
        await using var host = CacheTestHost.Create(
            CacheTestHost.NewPrefix(), proxy.Configuration(CacheTestHost.LiveRedis), null, [], ownsKeys: false);
        (await CheckAsync(host)).Entries["cache"].Status.ShouldBe(HealthStatus.Healthy);

        proxy.Down();
        (await CheckAsync(host)).Entries["cache"].Status.ShouldBe(HealthStatus.Degraded);
        host.Health.RedisAvailable.ShouldBeFalse();

        proxy.Up();
        await Eventually.HoldsAsync(
            async () => (await CheckAsync(host)).Entries["cache"].Status == HealthStatus.Healthy, TimeSpan.FromSeconds(15), "readiness recovers");
    }

    [Fact]
    public async Task A_user_added_during_an_outage_is_never_reported_absent_and_reaches_redis_afterwards()
    {
        await using var proxy = new TcpProxy(IPEndPoint.Parse(TestSettings.RedisConfiguration.Split(',')[0]));
        await using var job = CacheTestHost.Create(null, Name);
        await using var web = CacheTestHost.Join(job, proxy.Configuration(CacheTestHost.LiveRedis), bloomFilters: Name);
        await job.Bloom(Name).BuildAsync(BloomFilterTests.Users("user", 100).ToAsyncEnumerable(), 100, Ct);
        (await web.Bloom(Name).MightContainAsync("user-1", Ct)).ShouldBe(BloomLookup.MaybePresent);

        proxy.Down();
        (await web.Bloom(Name).AddAsync("created-in-outage", Ct)).ShouldBeFalse();
        (await web.Bloom(Name).MightContainAsync("created-in-outage", Ct)).ShouldBe(BloomLookup.Unknown);

        proxy.Up();
        await Eventually.HoldsAsync(
            async () => await web.Bloom(Name).MightContainAsync("created-in-outage", Ct) == BloomLookup.MaybePresent,
            TimeSpan.FromSeconds(15), "the deferred add reaches Redis");
        (await job.Bloom(Name).MightContainAsync("created-in-outage", Ct)).ShouldBe(BloomLookup.MaybePresent);
    }

    private static Task<HealthReport> CheckAsync(CacheTestHost host) =>
        host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
}
