using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Shouldly;
using Tartware.Host;
using Xunit;

namespace Tartware.Identity.Tests;

/// <summary>The login limit lives in Redis, so two platform processes share it.</summary>
public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task Login_attempts_are_limited_per_ip_across_two_processes_sharing_redis()
    {
        var prefix = "rl" + Guid.NewGuid().ToString("N")[..8] + ":";
        await using var first = await StartAsync(prefix);
        await using var second = await StartAsync(prefix);
        using var a = new HttpClient { BaseAddress = new Uri(first.Urls.First()) };
        using var b = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var client = i % 2 == 0 ? a : b;
            var response = await client.PostAsJsonAsync("/v1/auth/login",
                new { username = "nobody-" + i, password = "irrelevant password" }, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter.ShouldNotBeNull();
                (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("rate-limited");
            }
        }

        // Burst 3 shared by both processes (a slow machine may see one refill).
        statuses.Count(s => s == HttpStatusCode.Unauthorized).ShouldBeInRange(3, 4);
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBeInRange(4, 5);
    }

    private static async Task<WebApplication> StartAsync(string prefix)
    {
        var app = TartwareApp.Build(TartwareApp.CreateBuilder(new HostSettings([], Urls: "http://127.0.0.1:0",
            Overrides: new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Redis:KeyPrefix"] = prefix,
                ["RateLimiting:RedisTimeoutMilliseconds"] = "5000",
                ["RateLimiting:Policies:auth:Ip:PermitsPerMinute"] = "1",
                ["RateLimiting:Policies:auth:Ip:Burst"] = "3",
            })));
        await app.StartAsync();
        return app;
    }
}
