using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Tartware.ServiceDefaults.RateLimiting;
using Tartware.ServiceDefaults.Redis;
using Tartware.ServiceDefaults.Tests.RateLimiting.Support;
using Xunit;

namespace Tartware.ServiceDefaults.Tests.RateLimiting;

public sealed class RateLimitingOptionsTests
{
    [Fact]
    public void Defaults_define_auth_by_address_and_api_by_user_and_tenant_and_a_setting_overrides_one_field()
    {
        var options = Bind(new() { ["RateLimiting:Policies:api:User:Burst"] = "5" });

        options.Policies.Keys.ShouldBe(["auth", "api"], ignoreOrder: true);
        options.Policies["auth"].User.ShouldBeNull();
        options.Policies["auth"].Ip.ShouldNotBeNull();
        options.Policies["api"].User!.Burst.ShouldBe(5);
        options.Policies["api"].User!.PermitsPerMinute.ShouldBe(300, "the default stays for the key not set");
        options.Policies["API"].ShouldBeSameAs(options.Policies["api"]);
        options.FallbackReplicaCount.ShouldBe(1);
    }

    [Theory]
    [InlineData("RateLimiting:Policies:api:User:Burst", "0", "TARTWARE__RateLimiting__Policies__api__User__Burst")]
    [InlineData("RateLimiting:Policies:auth:Ip:PermitsPerMinute", "-1", "TARTWARE__RateLimiting__Policies__auth__Ip__PermitsPerMinute")]
    [InlineData("RateLimiting:FallbackReplicaCount", "0", "TARTWARE__RateLimiting__FallbackReplicaCount")]
    [InlineData("RateLimiting:RedisTimeoutMilliseconds", "1", "TARTWARE__RateLimiting__RedisTimeoutMilliseconds")]
    public void An_invalid_value_fails_naming_its_key(string key, string value, string environmentVariable)
    {
        var failure = Should.Throw<OptionsValidationException>(() => Bind(new() { [key] = value }));

        failure.Message.ShouldContain($"'{key}'");
        failure.Message.ShouldContain(environmentVariable);
    }

    [Fact]
    public void A_policy_without_an_ip_bucket_is_refused_because_anonymous_callers_would_be_unlimited()
    {
        var failure = Should.Throw<OptionsValidationException>(() => Bind(Policies.Test(user: (60, 5)).With("RateLimiting:Policies:partner:User:Burst", 5)
            .With("RateLimiting:Policies:partner:User:PermitsPerMinute", 60)));

        failure.Message.ShouldContain("'RateLimiting:Policies:partner:Ip'");
        failure.Message.ShouldNotContain("Policies:test");
    }

    [Fact]
    public async Task A_host_with_an_invalid_policy_does_not_start()
    {
        var settings = Policies.Test(user: (60, 0));

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => RateLimitTestHost.StartAsync(settings));

        failure.Message.ShouldContain("RateLimiting:Policies:test:User:Burst");
    }

    [Fact]
    public void An_endpoint_naming_an_unknown_policy_fails_the_startup_check()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddTartwareRateLimiting(builder.Configuration);
        using var app = builder.Build();
        app.MapGroup("/partners").RequireTartwareRateLimit("partners").MapGet("/", () => "ok");

        var failure = Should.Throw<InvalidOperationException>(app.VerifyTartwareRateLimitPolicies);

        failure.Message.ShouldContain("'partners'");
        failure.Message.ShouldContain("/partners");
    }

    [Fact]
    public void Registering_twice_is_harmless()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = RateLimitTestHost.DeadRedis,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddTartwareRedis(configuration);
        services.AddTartwareRateLimiting(configuration).AddTartwareRateLimiting(configuration);
        using var provider = services.BuildServiceProvider();

        var limiter = provider.GetRequiredService<IOptions<RateLimiterOptions>>().Value;

        limiter.RejectionStatusCode.ShouldBe(429);
    }

    private static RateLimitingOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddTartwareRateLimiting(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
    }
}
