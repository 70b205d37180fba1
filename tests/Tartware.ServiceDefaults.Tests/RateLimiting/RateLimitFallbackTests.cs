using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Redis;
using Tartware.ServiceDefaults.Tests.RateLimiting.Support;
using Tartware.Testing;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.RateLimiting;

/// <summary>Redis unreachable: limits still hold (in-process, divided by the replica count), never a 500.</summary>
public sealed class RateLimitFallbackTests
{
    [Fact]
    public async Task With_redis_down_requests_are_still_limited_in_process_and_never_fail()
    {
        var settings = Policies.Test(user: (6, 3), tenant: (600, 100)).With("Redis:Configuration", RateLimitTestHost.DeadRedis);
        await using var host = await RateLimitTestHost.StartAsync(settings, waitForRedis: false);
        var tenant = Guid.NewGuid().ToString();

        var alice = await host.GetLimitedManyAsync(8, "alice", tenant);
        var bob = await host.GetLimitedManyAsync(1, "bob", tenant);

        alice.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.OK, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5)]);
        bob.ShouldBe([HttpStatusCode.OK], "partitions still apply in the fallback");
        host.Decisions.Count(("result", "fallback")).ShouldBe(9);
        host.Decisions.Count(("result", "fallback"), ("outcome", "denied"), ("partition", "user")).ShouldBe(5);
        var warning = host.Logs.WithEventId(5401).ShouldHaveSingleItem("warned once, not once per request");
        warning.Level.ShouldBe(LogLevel.Warning);
    }

    [Fact]
    public async Task The_fallback_divides_the_limits_by_the_assumed_replica_count()
    {
        var settings = Policies.Test(user: (60, 6))
            .With("Redis:Configuration", RateLimitTestHost.DeadRedis)
            .With("RateLimiting:FallbackReplicaCount", 3);
        await using var host = await RateLimitTestHost.StartAsync(settings, waitForRedis: false);

        var statuses = await host.GetLimitedManyAsync(4, Guid.NewGuid().ToString());

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task When_redis_answers_again_decisions_go_back_to_redis_by_themselves()
    {
        using var store = new SwitchableRedisStore(RateLimitTestHost.NewKeyPrefix());
        await using var host = await RateLimitTestHost.StartAsync(
            Policies.Test(user: (600, 100)),
            configureServices: services => services.AddSingleton<IRedisStore>(store),
            waitForRedis: false);
        var user = Guid.NewGuid().ToString();

        (await host.GetLimitedManyAsync(2, user)).ShouldAllBe(s => s == HttpStatusCode.OK);
        host.Decisions.Count(("result", "fallback")).ShouldBe(2);

        store.Live = true;
        await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await host.GetLimitedAsync(user);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                return host.Decisions.Count(("result", "allowed")) > 0;
            },
            TimeSpan.FromSeconds(10),
            "a probe reaches Redis within about a second",
            TimeSpan.FromMilliseconds(100));

        host.Logs.WithEventId(5402).ShouldHaveSingleItem();
        (await store.LiveDatabase.KeyExistsAsync($"rl:test:user:{user}")).ShouldBeTrue("the decision was made in Redis");
    }
}
