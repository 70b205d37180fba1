using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tartware.ServiceDefaults.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tartware.ServiceDefaults.Health;

namespace Tartware.ServiceDefaults.Redis;

/// <summary>Registers <see cref="IRedisStore"/> and its readiness check.</summary>
public static class RedisSetup
{
    /// <summary>Adds Redis access (one multiplexer per process, connected lazily).</summary>
    public static IServiceCollection AddTartwareRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RedisOptions>(configuration, "Redis");
        services.AddSingleton<RedisStore>();
        services.AddSingleton<IRedisStore>(sp => sp.GetRequiredService<RedisStore>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}

/// <summary>
/// Readiness: PING round trip. Redis is a degradable dependency — caches fall through to PostgreSQL
/// and rate limits fall back to in-process limiters — so an outage reports Degraded (still 200):
/// taking every replica out of the load balancer for a cache outage would turn it into a full outage.
/// </summary>
internal sealed class RedisHealthCheck(IRedisStore redis) : TimedHealthCheck
{
    protected override HealthStatus FailureStatus => HealthStatus.Degraded;

    protected override async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        var rtt = await redis.PingAsync().WaitAsync(cancellationToken);
        return $"PING {rtt.TotalMilliseconds:0.##} ms";
    }
}
