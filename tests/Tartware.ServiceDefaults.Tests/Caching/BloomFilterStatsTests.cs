using Shouldly;
using Tartware.ServiceDefaults.Caching;
using Tartware.ServiceDefaults.Tests.Caching.Support;
using Tartware.Testing;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.Caching;

public sealed class BloomFilterStatsTests
{
    private const string Name = "usernames";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Sizing_follows_the_textbook_formulas()
    {
        var (bits, hashCount) = BloomMath.Size(1_000_000, 0.01);

        bits.ShouldBe(9_585_059);
        hashCount.ShouldBe(7);
        BloomMath.EstimatedFalsePositiveRate(bits, hashCount, 1_000_000).ShouldBe(0.01, tolerance: 0.0005);
        BloomMath.EstimatedFalsePositiveRate(bits, hashCount, 2_000_000).ShouldBeGreaterThan(0.1);
        BloomMath.EstimatedFalsePositiveRate(bits, hashCount, 0).ShouldBe(0);
    }

    [Fact]
    public async Task Stats_and_gauges_describe_the_current_version()
    {
        await using var host = CacheTestHost.Create(null, Name);
        using var metrics = new MetricCapture(host.MeterFactory);
        var filter = host.Bloom(Name);

        var build = await filter.BuildAsync(BloomFilterTests.Users("user", 1_000).ToAsyncEnumerable(), 1_000, Ct);
        var stats = await filter.GetStatsAsync(Ct);

        stats.ShouldNotBeNull();
        stats.Version.ShouldBe(build.Version);
        stats.ItemCount.ShouldBe(1_000);
        stats.Bits.ShouldBe(BloomMath.Size(1_000, 0.01).Bits);
        stats.HashCount.ShouldBe(7);
        stats.EstimatedFalsePositiveRate.ShouldBe(0.01, tolerance: 0.001);
        stats.Age.ShouldBeInRange(TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(30));
        stats.BuildDuration.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        // Gauges read a snapshot refreshed in the background, never Redis during collection.
        await Eventually.HoldsAsync(
            () => Task.FromResult(metrics.Observe("tartware.bloom.items", Name) is not null), TimeSpan.FromSeconds(10), "the items gauge reports");
        metrics.Observe("tartware.bloom.items", Name).ShouldBe(1_000);
        metrics.Observe("tartware.bloom.estimated_fpr", Name)!.Value.ShouldBe(0.01, tolerance: 0.001);
        metrics.Observe("tartware.bloom.age_seconds", Name)!.Value.ShouldBeInRange(-1, 30);
        metrics.Observe("tartware.bloom.build_seconds", Name).ShouldNotBeNull();

        await filter.MightContainAsync("user-1", Ct);
        await filter.MightContainAsync("nobody-at-all", Ct);
        metrics.Sum("tartware.bloom.lookups", ("filter", Name)).ShouldBe(2);
    }
}
