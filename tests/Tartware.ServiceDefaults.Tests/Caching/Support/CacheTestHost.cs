using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tartware.ServiceDefaults.Caching;
using Tartware.ServiceDefaults.Redis;
using Tartware.Testing;

namespace Tartware.ServiceDefaults.Tests.Caching.Support;

/// <summary>
/// One "process": its own container, multiplexer, L1 and circuit. Hosts created with the same key prefix
/// share Redis data like two tartware processes; each test uses a fresh prefix, deleted on dispose.
/// </summary>
internal sealed class CacheTestHost : IAsyncDisposable
{
    public const string DeadRedis = "127.0.0.1:1,connectTimeout=300";

    private readonly ServiceProvider _services;
    private readonly bool _ownsKeys;

    private CacheTestHost(ServiceProvider services, string prefix, bool ownsKeys)
    {
        _services = services;
        Prefix = prefix;
        _ownsKeys = ownsKeys;
    }

    /// <summary>Redis for tests, reconnecting quickly after an outage (the client retries every connect timeout).</summary>
    public static string LiveRedis => TestSettings.RedisConfiguration + ",connectTimeout=1000";

    public string Prefix { get; }

    public ITwoLevelCache Cache => _services.GetRequiredService<ITwoLevelCache>();

    public ICacheHealth Health => _services.GetRequiredService<ICacheHealth>();

    public IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    public IServiceProvider Services => _services;

    internal int L1Count => _services.GetRequiredService<L1Cache>().Count;

    public static string NewPrefix() => $"tw-test:{Guid.NewGuid():N}"[..24] + ":";

    /// <summary>A first host on a fresh prefix; it deletes the prefix's keys when disposed.</summary>
    public static CacheTestHost Create(Action<CachingOptions>? configure = null, params string[] bloomFilters) =>
        Create(NewPrefix(), LiveRedis, configure, bloomFilters, ownsKeys: true);

    /// <summary>Another "process" on the same Redis data (or another endpoint to the same server, e.g. a proxy).</summary>
    public static CacheTestHost Join(
        CacheTestHost other, string? redis = null, Action<CachingOptions>? configure = null, params string[] bloomFilters) =>
        Create(other.Prefix, redis ?? LiveRedis, configure, bloomFilters, ownsKeys: false);

    public static CacheTestHost Create(
        string prefix, string redis, Action<CachingOptions>? configure, string[] bloomFilters, bool ownsKeys,
        Action<BloomFilterOptions>? bloom = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IRedisStore>(_ => new RedisStore(Options.Create(new RedisOptions { Configuration = redis, KeyPrefix = prefix })));
        services.AddTartwareCaching(options =>
        {
            // Generous on a loaded CI machine; outage tests shorten the circuit instead.
            options.RedisTimeout = TimeSpan.FromSeconds(2);
            options.CircuitBreakDuration = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(options);
        });
        foreach (var name in bloomFilters)
        {
            services.AddTartwareBloomFilter(name, bloom);
        }

        return new CacheTestHost(services.BuildServiceProvider(), prefix, ownsKeys);
    }

    public IBloomFilter Bloom(string name) => _services.GetRequiredKeyedService<IBloomFilter>(name);

    public async ValueTask DisposeAsync()
    {
        if (_ownsKeys)
        {
            try
            {
                await _services.GetRequiredService<IRedisStore>().DeleteByPatternAsync("*");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Best effort: the prefix is unique to this test, so leftovers collide with nothing.
            }
        }

        // StackExchange.Redis 1.2.6 spends about 1 s closing a multiplexer gracefully; nothing waits on it.
        _ = Task.Run(async () => await _services.DisposeAsync());
    }
}
