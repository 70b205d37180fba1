using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Tartware.ServiceDefaults.Caching;

/// <summary>Readiness: Degraded (still ready, served from the source) while Redis is unavailable to the cache.</summary>
internal sealed class CacheHealthCheck(ICacheHealth health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var available = await health.ProbeAsync(cancellationToken);
        return available && health.PendingInvalidations == 0
            ? HealthCheckResult.Healthy("Redis cache layer available")
            : HealthCheckResult.Degraded("Redis unavailable: serving from the source without caching");
    }
}

/// <summary>Readiness: Degraded when the filter is missing (lookups skip it) or older than <see cref="BloomFilterOptions.StaleAfter"/>.</summary>
internal sealed class BloomFilterHealthCheck(IServiceProvider services, string name, IOptionsMonitor<BloomFilterOptions> options, ICacheHealth cache)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var filter = services.GetRequiredKeyedService<IBloomFilter>(name);
        var stats = await filter.GetStatsAsync(cancellationToken);
        if (stats is null)
        {
            return HealthCheckResult.Degraded(cache.RedisAvailable
                ? "No filter built yet: lookups skip this layer"
                : "Redis unavailable: lookups skip this layer");
        }

        var data = new Dictionary<string, object>
        {
            ["items"] = stats.ItemCount,
            ["ageSeconds"] = Math.Round(stats.Age.TotalSeconds),
            ["estimatedFalsePositiveRate"] = Math.Round(stats.EstimatedFalsePositiveRate, 5),
        };
        var staleAfter = options.Get(name).StaleAfter;
        return stats.Age > staleAfter
            ? HealthCheckResult.Degraded($"Filter is stale: built {stats.Age.TotalHours:0.#} h ago (limit {staleAfter.TotalHours:0.#} h)", data: data)
            : HealthCheckResult.Healthy($"v{stats.Version}, {stats.ItemCount} items", data);
    }
}
