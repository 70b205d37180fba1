using System.Diagnostics;
using System.Net;
using Shouldly;
using Tartware.ServiceDefaults.Tests.RateLimiting.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.RateLimiting;

/// <summary>
/// Two independent hosts (own containers, Redis connections and fallbacks) sharing one Redis and key prefix,
/// as two replicas of the platform would: the limit is the fleet's, not each process's.
/// </summary>
public sealed class RateLimitAcrossHostsTests
{
    [Fact]
    public async Task Two_hosts_sharing_redis_enforce_one_limit_between_them()
    {
        const int burst = 10;
        const int perMinute = 6;
        var prefix = RateLimitTestHost.NewKeyPrefix();
        var settings = Policies.Test(user: (perMinute, burst), tenant: (6000, 1000));
        await using var first = await RateLimitTestHost.StartAsync(settings, prefix);
        await using var second = await RateLimitTestHost.StartAsync(settings, prefix);
        var user = Guid.NewGuid().ToString();
        var tenant = Guid.NewGuid().ToString();

        var clock = Stopwatch.StartNew();
        var requests = Enumerable.Range(0, 30)
            .SelectMany(_ => new[] { first, second })
            .Select(async host =>
            {
                using var response = await host.GetLimitedAsync(user, tenant);
                return (Host: host, response.StatusCode);
            });
        var results = await Task.WhenAll(requests);
        var elapsed = clock.Elapsed;

        results.ShouldNotContain(r => r.StatusCode != HttpStatusCode.OK && r.StatusCode != HttpStatusCode.TooManyRequests);
        var allowed = results.Count(r => r.StatusCode == HttpStatusCode.OK);
        var refilled = (int)Math.Ceiling(elapsed.TotalMinutes * perMinute);
        allowed.ShouldBeInRange(burst, burst + refilled + 1, $"one shared bucket over {elapsed.TotalMilliseconds:0} ms; " +
            string.Join(", ", first.Decisions.All.Concat(second.Decisions.All).GroupBy(d => d["result"]).Select(g => $"{g.Key}={g.Count()}")));
        results.Count(r => r.Host == first && r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBeGreaterThan(0);
        results.Count(r => r.Host == second && r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBeGreaterThan(0);
        (first.Decisions.Count(("result", "allowed")) + second.Decisions.Count(("result", "allowed"))).ShouldBe(allowed);
        first.Decisions.Count(("result", "fallback")).ShouldBe(0);
        second.Decisions.Count(("result", "fallback")).ShouldBe(0);
    }
}
