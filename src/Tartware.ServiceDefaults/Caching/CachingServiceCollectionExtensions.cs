using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tartware.ServiceDefaults.Health;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>Registers the two-level cache and named Bloom filters (both need <c>AddTartwareRedis</c>).</summary>
public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ITwoLevelCache"/>, <see cref="ICacheHealth"/>, meter <c>Tartware.Caching</c> and a
    /// readiness check <c>cache</c> that reports Degraded while Redis is unavailable.
    /// </summary>
    public static IServiceCollection AddTartwareCaching(this IServiceCollection services, Action<CachingOptions>? configure = null)
    {
        var options = services.AddOptions<CachingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(TwoLevelCache)))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CachingMetrics>();
        services.AddSingleton<BloomFilterMetrics>();
        services.AddSingleton<RedisGuard>();
        services.AddSingleton<L1Cache>();
        services.AddSingleton<PendingInvalidations>();
        services.AddSingleton<TwoLevelCache>();
        services.AddSingleton<ITwoLevelCache>(sp => sp.GetRequiredService<TwoLevelCache>());
        services.AddSingleton<ICacheHealth, CacheHealth>();
        services.AddHealthChecks().AddCheck<CacheHealthCheck>("cache", HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>
    /// Adds a Bloom filter resolved as <c>[FromKeyedServices(name)] IBloomFilter</c>, its gauges and a
    /// readiness check <c>bloom:{name}</c> (Degraded when missing or stale). Calls <see cref="AddTartwareCaching"/>.
    /// </summary>
    public static IServiceCollection AddTartwareBloomFilter(
        this IServiceCollection services, string name, Action<BloomFilterOptions>? configure = null)
    {
        CacheNames.Validate(name, nameof(name));
        services.AddTartwareCaching();
        var options = services.AddOptions<BloomFilterOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddKeyedSingleton<IBloomFilter>(name, (sp, _) =>
        {
            var filterOptions = sp.GetRequiredService<IOptionsMonitor<BloomFilterOptions>>().Get(name);
            var filter = new RedisBloomFilter(
                name, filterOptions, sp.GetRequiredService<RedisGuard>(), sp.GetRequiredService<CachingMetrics>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<RedisBloomFilter>());
            sp.GetRequiredService<BloomFilterMetrics>().Track(filter, filterOptions);
            return filter;
        });
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            $"bloom:{name}",
            sp => new BloomFilterHealthCheck(
                sp, name, sp.GetRequiredService<IOptionsMonitor<BloomFilterOptions>>(), sp.GetRequiredService<ICacheHealth>()),
            HealthStatus.Degraded,
            [HealthEndpoints.ReadyTag]));
        return services;
    }
}
