using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Tartware.ServiceDefaults.RateLimiting;

/// <summary>
/// Distributed rate limiting (issue 3, item 8): Redis token buckets behind ASP.NET Core's rate limiting
/// middleware, partitioned by user, tenant and client IP, with an in-process fallback while Redis is down.
/// </summary>
public static class RateLimitingSetup
{
    /// <summary>
    /// Registers the policies of section <c>RateLimiting</c> (validated at startup) with the rate limiting
    /// middleware. Needs <c>AddTartwareRedis</c> and the problem details service.
    /// </summary>
    public static IServiceCollection AddTartwareRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(RateLimitDecider)))
        {
            // Registering the policies twice would make the middleware's AddPolicy throw on the duplicate name.
            return services;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>());
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section)).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddProblemDetails();
        services.TryAddSingleton<RateLimitMetrics>();
        services.TryAddSingleton<RateLimitLog>();
        services.TryAddSingleton<RateLimitDecider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RateLimitingWarmup>());
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>, RateLimitDecider, TimeProvider>(
            (limiter, options, decider, time) =>
            {
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.OnRejected = RateLimitRejection.WriteAsync;
                foreach (var (name, policy) in options.Value.Policies)
                {
                    limiter.AddPolicy(name, new TartwareRateLimiterPolicy(name, policy, decider, time));
                }
            });
        return services;
    }

    /// <summary>
    /// The rate limiting middleware. Place it after authentication (the user and tenant partitions come from
    /// the token's claims) and before authorization, so unauthenticated floods are limited by IP too.
    /// </summary>
    public static IApplicationBuilder UseTartwareRateLimiting(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>Applies the named policy (e.g. <c>api</c>, <c>auth</c>) to an endpoint or, preferably, a route group.</summary>
    public static TBuilder RequireTartwareRateLimit<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        return builder.RequireRateLimiting(policy);
    }

    /// <summary>
    /// Fails at startup when an endpoint names a policy that is not configured (the middleware would
    /// otherwise answer 500 on its first request). Call after every endpoint is mapped.
    /// </summary>
    public static void VerifyTartwareRateLimitPolicies(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var policies = endpoints.ServiceProvider.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Policies;
        var unknown = endpoints.DataSources
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => (endpoint.DisplayName, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName))
            .Where(e => e.PolicyName is not null && !policies.ContainsKey(e.PolicyName))
            .Select(e => $"{e.DisplayName}: rate limit policy '{e.PolicyName}' is not configured under {RateLimitingOptions.Section}:Policies")
            .ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException("Endpoints name unknown rate limit policies:\n  " + string.Join("\n  ", unknown));
        }
    }
}

/// <summary>
/// Connects to Redis in the background when the host starts: a cold connect takes longer than the decision
/// timeout, and without this the first requests after a deploy would all be decided by the fallback.
/// </summary>
internal sealed class RateLimitingWarmup(RateLimitDecider decider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        decider.StartConnecting();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
