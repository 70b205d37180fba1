using System.Net;
using System.Text.Json;
using Shouldly;
using Tartware.Testing;
using Xunit;

namespace Tartware.Identity.Tests;

/// <summary>Redis is degradable: with it killed, logins and authenticated requests go on through PostgreSQL.</summary>
public sealed class RedisOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_redis_killed_mid_test_logins_still_work_and_readiness_is_degraded_not_down()
    {
        await using var redis = await RedisProcess.StartAsync();
        await using var host = new PrivateRedisHost(redis.Configuration);
        await host.InitializeAsync();
        var session = await host.NewTenantSessionAsync();
        (await host.GetAsync("/v1/auth/context", session.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        redis.Kill();

        (await host.LoginAsync(session.Username)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.GetAsync("/v1/auth/context", session.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = await host.NewTenantSessionAsync(); // onboarding and a first login with Redis away
        (await host.GetAsync("/v1/users", other.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var ready = await host.Client.GetAsync("/health/ready", Ct);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Ct)).RootElement.GetRawText();
        checks.ShouldContain("Degraded");
    }

    private sealed class PrivateRedisHost(string redisConfiguration) : PlatformHost
    {
        protected override Dictionary<string, string?> Overrides()
        {
            var overrides = base.Overrides();
            overrides["Redis:Configuration"] = redisConfiguration;
            overrides["Redis:KeyPrefix"] = "outage-" + Guid.NewGuid().ToString("N")[..8] + ":";
            overrides["RateLimiting:RedisTimeoutMilliseconds"] = "100";
            return overrides;
        }
    }
}
