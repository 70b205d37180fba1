using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Shouldly;
using Tartware.ServiceDefaults.Tests.RateLimiting.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.RateLimiting;

public sealed class RateLimitRejectionTests
{
    [Fact]
    public async Task A_denied_request_gets_429_problem_json_with_retry_after_and_is_counted_and_logged_by_ids()
    {
        await using var host = await RateLimitTestHost.StartAsync(Policies.Test(user: (6, 2), tenant: (600, 100)));
        var user = Guid.NewGuid().ToString();
        var tenant = Guid.NewGuid().ToString();

        (await host.GetLimitedManyAsync(2, user, tenant)).ShouldAllBe(s => s == HttpStatusCode.OK);
        using var denied = await host.GetLimitedAsync(user, tenant);

        denied.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        denied.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var retryAfter = denied.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull();
        retryAfter.ShouldBeInRange(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10), "6 a minute: a token every 10 s, rounded up");

        var body = await denied.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var problem = JsonDocument.Parse(body);
        var root = problem.RootElement;
        root.GetProperty("status").GetInt32().ShouldBe(429);
        root.GetProperty("code").GetString().ShouldBe("rate-limited");
        root.GetProperty("type").GetString().ShouldBe("https://tartware.dev/problems/rate-limited");
        root.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("'test'");
        root.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
        root.TryGetProperty("correlationId", out _).ShouldBeTrue();
        body.ShouldNotContain(user, customMessage: "partition values stay out of the body");
        body.ShouldNotContain(tenant);
        body.ShouldNotContain("127.0.0.1");

        host.Decisions.Count(("policy", "test"), ("result", "allowed"), ("partition", "user+tenant")).ShouldBe(2);
        host.Decisions.Count(("policy", "test"), ("result", "denied"), ("partition", "user"), ("outcome", "denied")).ShouldBe(1);

        var line = host.Logs.WithEventId(5400).ShouldHaveSingleItem();
        line.Level.ShouldBe(LogLevel.Information);
        line.State["Policy"].ShouldBe("test");
        line.State["UserId"].ShouldBe(user);
        line.State["TenantId"].ShouldBe(tenant);
        line.Message.ShouldNotContain("127.0.0.1");
    }

    [Fact]
    public async Task Denial_log_lines_are_themselves_limited_and_report_what_they_suppressed()
    {
        await using var host = await RateLimitTestHost.StartAsync(Policies.Test(user: (6, 1)));
        var user = Guid.NewGuid().ToString();

        var statuses = await host.GetLimitedManyAsync(40, user);

        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(39);
        var lines = host.Logs.WithEventId(5400);
        lines.Count.ShouldBeInRange(20, 30, "a burst of 20 lines, then about two a second");
        host.Decisions.Count(("result", "denied")).ShouldBe(39, "the metric still counts every denial");
    }
}
