using Shouldly;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;
using Tartware.ServiceDefaults.RateLimiting;
using Tartware.ServiceDefaults.Redis;
using Tartware.ServiceDefaults.Tests.RateLimiting.Support;
using Tartware.Testing;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.RateLimiting;

/// <summary>The Lua token bucket against the real Redis, each test under its own key prefix.</summary>
public sealed class TokenBucketScriptTests : IDisposable
{
    private readonly ConnectionMultiplexer _connection = ConnectionMultiplexer.Connect(RedisStore.CreateConfiguration(TestSettings.RedisConfiguration));
    private readonly IDatabase _database;

    public TokenBucketScriptTests() => _database = _connection.GetDatabase().WithKeyPrefix(RateLimitTestHost.NewKeyPrefix());

    [Fact]
    public async Task Allows_the_burst_then_denies_with_a_retry_after_and_allows_again_once_refilled()
    {
        // 60 a minute = one token a second, two at once.
        BucketSpec[] bucket = [new(PartitionKind.User, "rl:test:user:u1", Capacity: 2, PermitsPerMinute: 60)];

        var first = await TokenBucketScript.EvaluateAsync(_database, bucket, cost: 1);
        var second = await TokenBucketScript.EvaluateAsync(_database, bucket, cost: 1);
        var third = await TokenBucketScript.EvaluateAsync(_database, bucket, cost: 1);

        first.ShouldBe(new BucketDecision(true, 1, TimeSpan.Zero, -1));
        second.Allowed.ShouldBeTrue();
        second.Remaining.ShouldBe(0);
        third.Allowed.ShouldBeFalse();
        third.DeniedBy.ShouldBe(0);
        third.RetryAfter.ShouldBeInRange(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));

        var denials = 0;
        await Eventually.HoldsAsync(
            async () =>
            {
                var decision = await TokenBucketScript.EvaluateAsync(_database, bucket, cost: 1);
                denials += decision.Allowed ? 0 : 1;
                return decision.Allowed;
            },
            TimeSpan.FromSeconds(5),
            "one token is back after about a second");
        denials.ShouldBeGreaterThan(0, "a denied attempt must not debit, and the refill takes time");
    }

    [Fact]
    public async Task Denies_when_any_bucket_is_empty_and_then_debits_none_of_them()
    {
        BucketSpec[] both =
        [
            new(PartitionKind.User, "rl:test:user:u1", Capacity: 5, PermitsPerMinute: 6),
            new(PartitionKind.Tenant, "rl:test:tenant:t1", Capacity: 1, PermitsPerMinute: 6),
        ];

        (await TokenBucketScript.EvaluateAsync(_database, both, cost: 1)).Allowed.ShouldBeTrue();
        var denied = await TokenBucketScript.EvaluateAsync(_database, both, cost: 1);

        denied.Allowed.ShouldBeFalse();
        denied.DeniedBy.ShouldBe(1, "the tenant bucket is the empty one");
        denied.RetryAfter.ShouldBeGreaterThan(TimeSpan.FromSeconds(9), "6 a minute refills a token in 10 s");
        var userTokens = (double)await _database.HashGetAsync("rl:test:user:u1", "tokens");
        userTokens.ShouldBe(4, tolerance: 0.1, "the user bucket paid only for the allowed request");
    }

    [Fact]
    public async Task A_bucket_key_expires_when_it_would_be_full_again()
    {
        BucketSpec[] bucket = [new(PartitionKind.Ip, "rl:test:ip:127.0.0.9", Capacity: 3, PermitsPerMinute: 120)];

        await TokenBucketScript.EvaluateAsync(_database, bucket, cost: 1);

        var ttl = await _database.KeyTimeToLiveAsync("rl:test:ip:127.0.0.9");
        ttl.ShouldNotBeNull().ShouldBeInRange(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(500));
        await Eventually.HoldsAsync(
            async () => !await _database.KeyExistsAsync("rl:test:ip:127.0.0.9"),
            TimeSpan.FromSeconds(5),
            "an idle bucket leaves nothing behind");
    }

    [Fact]
    public async Task A_zero_cost_probe_reports_availability_without_debiting()
    {
        BucketSpec[] bucket = [new(PartitionKind.User, "rl:test:user:probe", Capacity: 1, PermitsPerMinute: 6)];

        (await TokenBucketScript.EvaluateAsync(_database, bucket, cost: 0)).Allowed.ShouldBeTrue();
        (await TokenBucketScript.EvaluateAsync(_database, bucket, cost: 1)).Allowed.ShouldBeTrue();
        (await TokenBucketScript.EvaluateAsync(_database, bucket, cost: 0)).Allowed.ShouldBeFalse();
        (await _database.KeyExistsAsync("rl:test:user:probe")).ShouldBeTrue();
    }

    public void Dispose() => _connection.Dispose();
}
