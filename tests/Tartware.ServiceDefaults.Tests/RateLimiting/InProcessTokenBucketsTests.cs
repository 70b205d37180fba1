using Shouldly;
using Tartware.ServiceDefaults.RateLimiting;
using Tartware.Testing;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.RateLimiting;

/// <summary>The fallback's own bookkeeping; its limiting is exercised through a host in RateLimitFallbackTests.</summary>
public sealed class InProcessTokenBucketsTests
{
    [Fact]
    public void A_denial_by_one_bucket_debits_none_and_names_the_bucket_with_the_longest_wait()
    {
        using var buckets = new InProcessTokenBuckets(replicaCount: 1, TimeProvider.System);
        BucketSpec[] both =
        [
            new(PartitionKind.User, "user:a", Capacity: 3, PermitsPerMinute: 6),
            new(PartitionKind.Tenant, "tenant:t", Capacity: 1, PermitsPerMinute: 6),
        ];

        buckets.Decide(both, 1).Allowed.ShouldBeTrue();
        var denied = buckets.Decide(both, 1);
        var userOnly = buckets.Decide([both[0]], 1);

        denied.Allowed.ShouldBeFalse();
        denied.DeniedBy.ShouldBe(1);
        denied.RetryAfter.ShouldBeInRange(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
        userOnly.Remaining.ShouldBe(1, "the user paid for the allowed request and this one only");
    }

    [Fact]
    public async Task Buckets_that_are_full_again_are_dropped_so_memory_follows_active_callers()
    {
        using var buckets = new InProcessTokenBuckets(replicaCount: 1, TimeProvider.System, sweepInterval: TimeSpan.Zero);
        BucketSpec fast = new(PartitionKind.Ip, "ip:fast", Capacity: 1, PermitsPerMinute: 60_000);
        BucketSpec other = new(PartitionKind.Ip, "ip:other", Capacity: 1, PermitsPerMinute: 6);

        buckets.Decide([fast], 1).Allowed.ShouldBeTrue();
        buckets.Count.ShouldBe(1);

        await Eventually.HoldsAsync(
            () =>
            {
                buckets.Decide([other], 0);
                return Task.FromResult(buckets.Count == 1);
            },
            TimeSpan.FromSeconds(5),
            "the refilled bucket is swept while the other one stays");
    }
}
