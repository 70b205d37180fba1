using System.Net;
using Shouldly;
using Tartware.ServiceDefaults.Tests.RateLimiting.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.RateLimiting;

/// <summary>Who shares a bucket with whom: users, their tenant, and anonymous callers by address.</summary>
public sealed class RateLimitPartitioningTests
{
    [Fact]
    public async Task One_user_exhausting_its_bucket_does_not_limit_another_user_of_the_same_tenant()
    {
        await using var host = await RateLimitTestHost.StartAsync(Policies.Test(user: (6, 3), tenant: (600, 100)));
        var tenant = Guid.NewGuid().ToString();

        var alice = await host.GetLimitedManyAsync(5, "alice-" + tenant, tenant);
        var bob = await host.GetLimitedManyAsync(3, "bob-" + tenant, tenant);

        alice.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
        bob.ShouldAllBe(s => s == HttpStatusCode.OK);
        host.Decisions.Count(("result", "fallback")).ShouldBe(0, "decided in Redis");
    }

    [Fact]
    public async Task The_tenant_bucket_caps_the_sum_of_its_users()
    {
        await using var host = await RateLimitTestHost.StartAsync(Policies.Test(user: (6, 3), tenant: (6, 4)));
        var tenant = Guid.NewGuid().ToString();
        var otherTenant = Guid.NewGuid().ToString();

        var allowed = 0;
        foreach (var user in new[] { "u1", "u2", "u3" })
        {
            allowed += (await host.GetLimitedManyAsync(3, user + tenant, tenant)).Count(s => s == HttpStatusCode.OK);
        }

        allowed.ShouldBe(4, "three users with three each, but the tenant holds four");
        host.Decisions.Count(("result", "denied"), ("partition", "tenant")).ShouldBe(5);
        (await host.GetLimitedManyAsync(1, "u1" + otherTenant, otherTenant)).ShouldBe([HttpStatusCode.OK], "another tenant is untouched");
        host.Decisions.Count(("result", "fallback")).ShouldBe(0, "decided in Redis");
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_per_address_and_authenticated_ones_are_not_counted_against_it()
    {
        await using var host = await RateLimitTestHost.StartAsync(Policies.Test(user: (600, 100), ip: (6, 3)));
        using var fromSecondAddress = host.CreateClient("127.0.0.2");

        var first = await host.GetLimitedManyAsync(4);
        var second = await host.GetLimitedManyAsync(3, client: fromSecondAddress);
        var signedIn = await host.GetLimitedManyAsync(3, user: Guid.NewGuid().ToString());

        first.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        second.ShouldAllBe(s => s == HttpStatusCode.OK, "127.0.0.2 has its own bucket");
        signedIn.ShouldAllBe(s => s == HttpStatusCode.OK, "a signed-in user is limited by user, not by the shared address");
        host.Decisions.Count(("result", "denied"), ("partition", "ip")).ShouldBe(1);
        host.Decisions.Count(("result", "fallback")).ShouldBe(0, "decided in Redis");
    }

    [Fact]
    public async Task The_default_auth_policy_limits_login_attempts_per_address()
    {
        await using var host = await RateLimitTestHost.StartAsync(Policies.Test(user: (600, 100)));
        using var otherAddress = host.CreateClient("127.0.0.3");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await host.Client.PostAsync(new Uri("/login/", UriKind.Relative), null, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        using var elsewhere = await otherAddress.PostAsync(new Uri("/login/", UriKind.Relative), null, TestContext.Current.CancellationToken);

        statuses.Take(10).ShouldAllBe(s => s == HttpStatusCode.OK, "the default burst is 10");
        statuses.Skip(10).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.OK);
        host.Decisions.Count(("policy", "auth"), ("result", "denied"), ("partition", "ip")).ShouldBe(2);
    }
}
